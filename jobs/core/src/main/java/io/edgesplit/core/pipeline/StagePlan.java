package io.edgesplit.core.pipeline;

import java.util.List;

/**
 * One stage of a plan: the nodes between two cuts and the devices that run them. The nodes {@code
 * [fromNode, splitEnd)} are split along the height across the members (each computes its rows from
 * its slice of the input, halos included, and sends them to the leader); the leader runs the rest
 * {@code [splitEnd, toNode)} whole. A one-device stage has one member with every row.
 *
 * @param fromCut first cut index (the stage receives the tensors live there)
 * @param toCut last cut index (the stage sends the tensors live there)
 * @param fromNode first node
 * @param toNode one past the last node
 * @param splitEnd end of the split part
 * @param leader device that gathers the rows, runs the whole part and sends the output on
 * @param members what each device does
 * @param wholeS seconds the leader spends on the whole part
 * @param timeS the stage's time per frame: the slowest member plus the whole part
 */
public record StagePlan(
        int fromCut,
        int toCut,
        int fromNode,
        int toNode,
        int splitEnd,
        int leader,
        List<Member> members,
        double wholeS,
        double timeS) {

    public StagePlan {
        members = List.copyOf(members);
    }

    /**
     * One device's part of a stage.
     *
     * @param device device index in the network
     * @param share fraction of the split part's output rows (of the frames, in a data-parallel
     *     plan)
     * @param rowFrom first output row it computes
     * @param rowTo one past its last output row
     * @param inS seconds to receive its input (its rows plus halos) from the previous stage
     * @param computeS seconds of compute of its share (halo rows included)
     * @param outS seconds to send its rows to the leader
     * @param memoryBytes weights plus the largest activation it holds
     */
    public record Member(
            int device,
            double share,
            long rowFrom,
            long rowTo,
            double inS,
            double computeS,
            double outS,
            long memoryBytes) {

        /** Receive, compute and send. */
        public double totalS() {
            return inS + computeS + outS;
        }
    }

    /** The device indices of the members. */
    public int[] devices() {
        return members.stream().mapToInt(Member::device).toArray();
    }
}
