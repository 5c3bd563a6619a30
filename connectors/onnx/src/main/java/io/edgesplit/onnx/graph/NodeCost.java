package io.edgesplit.onnx.graph;

/**
 * Cost of one activation node.
 *
 * @param position position in the topological order of activation nodes
 * @param name node name (or "OpType#index" when unnamed)
 * @param opType ONNX operator
 * @param macs multiply-accumulates at the analysed input shape (see {@link MacCounter})
 */
public record NodeCost(int position, String name, String opType, long macs) {}
