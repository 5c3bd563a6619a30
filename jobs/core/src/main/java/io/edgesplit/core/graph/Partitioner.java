package io.edgesplit.core.graph;

import java.util.List;

/**
 * Proposes the partitions of a model that a controller chooses among.
 *
 * <p>Only candidates, no choice: which candidate is best depends on the slot (bandwidth, queues,
 * device clock) and is the policy's decision, made every slot from costs, while the candidates
 * depend only on the graph and can be computed once per model. A partitioner that optimises for
 * given costs (a min-cut for one bandwidth) returns the partitions it finds, e.g. one per bandwidth
 * of a table.
 */
public interface Partitioner {

    /**
     * The candidate partitions of {@code graph}, distinct, in a deterministic order; every one is
     * {@link Partition#carriable() carriable}.
     *
     * @throws IllegalArgumentException with one line when the graph cannot be partitioned this way
     */
    List<Partition> candidates(ModelGraph graph);
}
