package io.edgesplit.onnx.graph;

import java.util.Arrays;

/**
 * What shape inference learned about one tensor (batch 1 unless the caller fixed another shape).
 *
 * @param name tensor name
 * @param onnxType ONNX element type code ({@code TensorProto.DataType})
 * @param shape concrete shape observed for the analysed input
 * @param batchLeading whether dimension 0 follows the model's symbolic batch dimension
 */
record TensorFacts(String name, int onnxType, long[] shape, boolean batchLeading) {

    TensorFacts {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorFacts t
                && name.equals(t.name)
                && onnxType == t.onnxType
                && Arrays.equals(shape, t.shape)
                && batchLeading == t.batchLeading;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ":" + OnnxTypes.onnxName(onnxType) + Arrays.toString(shape);
    }
}
