package io.edgesplit.core.graph;

import io.edgesplit.core.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An assignment of every node of a {@link ModelGraph} to one of an ordered list of parties, e.g.
 * {@code device, edge} or {@code stage-1 .. stage-k}. Frames flow from party 0 to the last party; a
 * partition is valid when no node reads a tensor produced by a later party.
 *
 * <p>Boundary {@code i} (0 ≤ i &lt; k-1, between party i and party i+1) holds the tensors produced
 * at or before party i and read after it; the graph input counts as produced before party 0 and the
 * graph output as read after the last party. Party i+1 receives exactly these tensors: the ones it
 * reads and the ones it passes on to later parties. A partition is identified by its boundary
 * tensor names, not by a number; equality is by graph, party names and assignment.
 *
 * <p>A partition only describes the split; running it needs every boundary tensor {@link
 * #carriable() carriable} (static shape, supported type).
 */
public final class Partition {

    /** The party that runs first in a two-party split: the camera device. */
    public static final String DEVICE = "device";

    /** The party that runs second in a two-party split: the edge server. */
    public static final String EDGE = "edge";

    private final ModelGraph graph;
    private final List<String> parties;
    private final int[] partyOf;
    private final List<List<String>> boundaries;

    private Partition(ModelGraph graph, List<String> parties, int[] partyOf) {
        this.graph = graph;
        this.parties = parties;
        this.partyOf = partyOf;
        this.boundaries = computeBoundaries();
    }

    /**
     * A partition of {@code graph} over {@code parties} (at least two, distinct, non-blank); {@code
     * partyOf[node]} is the index of the node's party.
     *
     * @throws IllegalArgumentException with one line if a node reads from a later party, or the
     *     parties or the assignment are malformed
     */
    public static Partition of(ModelGraph graph, List<String> parties, int[] partyOf) {
        Objects.requireNonNull(graph, "graph");
        List<String> names = List.copyOf(parties);
        String model = graph.modelId();
        if (names.size() < 2) {
            throw new IllegalArgumentException(
                    "a partition of model " + model + " needs at least 2 parties, got " + names);
        }
        if (names.stream().anyMatch(String::isBlank)
                || new HashSet<>(names).size() < names.size()) {
            throw new IllegalArgumentException(
                    "parties of a partition of model "
                            + model
                            + " must be distinct and non-blank, got "
                            + names);
        }
        if (partyOf.length != graph.nodeCount()) {
            throw new IllegalArgumentException(
                    "a partition of model "
                            + model
                            + " assigns "
                            + partyOf.length
                            + " nodes but the graph has "
                            + graph.nodeCount());
        }
        int[] assignment = partyOf.clone();
        for (int n = 0; n < assignment.length; n++) {
            if (assignment[n] < 0 || assignment[n] >= names.size()) {
                throw new IllegalArgumentException(
                        "a partition of model "
                                + model
                                + " assigns "
                                + graph.label(n)
                                + " to party "
                                + assignment[n]
                                + "; valid parties are 0.."
                                + (names.size() - 1)
                                + " "
                                + names);
            }
        }
        requireNoBackwardRead(graph, names, assignment);
        return new Partition(graph, names, assignment);
    }

    private static void requireNoBackwardRead(
            ModelGraph graph, List<String> parties, int[] partyOf) {
        for (ModelGraph.Tensor t : graph.tensors()) {
            if (t.producer() == ModelGraph.GRAPH_INPUT) {
                continue;
            }
            int from = partyOf[t.producer()];
            for (int consumer : t.consumers()) {
                if (partyOf[consumer] < from) {
                    throw new IllegalArgumentException(
                            "invalid partition of model "
                                    + graph.modelId()
                                    + ": "
                                    + graph.label(consumer)
                                    + " on "
                                    + parties.get(partyOf[consumer])
                                    + " reads '"
                                    + t.name()
                                    + "' from "
                                    + graph.label(t.producer())
                                    + " on the later party "
                                    + parties.get(from));
                }
            }
        }
    }

    /**
     * The two-party partition with {@code deviceNodes} on the {@link #DEVICE} and the rest on the
     * {@link #EDGE}; the device nodes must be closed under predecessors.
     */
    public static Partition deviceEdge(ModelGraph graph, Set<Integer> deviceNodes) {
        int[] partyOf = new int[graph.nodeCount()];
        Arrays.fill(partyOf, 1);
        for (int n : deviceNodes) {
            graph.node(n);
            partyOf[n] = 0;
        }
        return of(graph, List.of(DEVICE, EDGE), partyOf);
    }

    /** The two-party partition whose device runs the first {@code count} nodes (a prefix cut). */
    public static Partition devicePrefix(ModelGraph graph, int count) {
        if (count < 0 || count > graph.nodeCount()) {
            throw new IllegalArgumentException(
                    "prefix "
                            + count
                            + " is out of range for model "
                            + graph.modelId()
                            + ": valid prefixes are 0.."
                            + graph.nodeCount());
        }
        int[] partyOf = new int[graph.nodeCount()];
        Arrays.fill(partyOf, count, partyOf.length, 1);
        return of(graph, List.of(DEVICE, EDGE), partyOf);
    }

    /** Everything on the edge: the device sends the raw input. */
    public static Partition allOnEdge(ModelGraph graph) {
        return devicePrefix(graph, 0);
    }

    /** Everything on the device: it sends the model output. */
    public static Partition allOnDevice(ModelGraph graph) {
        return devicePrefix(graph, graph.nodeCount());
    }

    private List<List<String>> computeBoundaries() {
        int k = parties.size();
        List<List<String>> result = new ArrayList<>();
        for (int i = 0; i < k - 1; i++) {
            result.add(new ArrayList<>());
        }
        for (ModelGraph.Tensor t : graph.tensors()) {
            int from = t.producer() == ModelGraph.GRAPH_INPUT ? -1 : partyOf[t.producer()];
            int lastUse = t.name().equals(graph.output().name()) ? k : -1;
            for (int consumer : t.consumers()) {
                lastUse = Math.max(lastUse, partyOf[consumer]);
            }
            for (int i = Math.max(from, 0); i < Math.min(lastUse, k - 1); i++) {
                result.get(i).add(t.name());
            }
        }
        return result.stream().map(List::copyOf).toList();
    }

    /** The partitioned graph. */
    public ModelGraph graph() {
        return graph;
    }

    /** The parties in the order frames flow through them. */
    public List<String> parties() {
        return parties;
    }

    /** Number of parties. */
    public int partyCount() {
        return parties.size();
    }

    /** The index of a party by name, failing with one line naming the parties. */
    public int party(String name) {
        int i = parties.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "no party '" + name + "' in this partition; parties are " + parties);
        }
        return i;
    }

    /** The party index of a node. */
    public int partyOf(int node) {
        graph.node(node);
        return partyOf[node];
    }

    /** The nodes of party {@code party}, ascending (a topological order). */
    public List<Integer> nodesOf(int party) {
        checkParty(party);
        List<Integer> nodes = new ArrayList<>();
        for (int n = 0; n < partyOf.length; n++) {
            if (partyOf[n] == party) {
                nodes.add(n);
            }
        }
        return List.copyOf(nodes);
    }

    /** The nodes of the named party, ascending. */
    public List<Integer> nodesOf(String party) {
        return nodesOf(party(party));
    }

    /** Multiply-accumulates of the nodes of a party. */
    public long macs(int party) {
        return nodesOf(party).stream().mapToLong(n -> graph.node(n).macs()).sum();
    }

    /** Number of boundaries: parties - 1. */
    public int boundaryCount() {
        return boundaries.size();
    }

    /** Names of the tensors crossing boundary {@code i} (party i to i+1), in production order. */
    public List<String> boundary(int i) {
        if (i < 0 || i >= boundaries.size()) {
            throw new IllegalArgumentException(
                    "boundary "
                            + i
                            + " is out of range for a partition of "
                            + parties.size()
                            + " parties: valid boundaries are 0.."
                            + (boundaries.size() - 1));
        }
        return boundaries.get(i);
    }

    /** All boundaries, first to last. */
    public List<List<String>> boundaries() {
        return boundaries;
    }

    /** What party {@code party} receives: the graph input for party 0, else boundary party-1. */
    public List<String> inputsOf(int party) {
        checkParty(party);
        return party == 0 ? List.of(graph.input().name()) : boundaries.get(party - 1);
    }

    /** What party {@code party} sends on: boundary {@code party}, the graph output for the last. */
    public List<String> outputsOf(int party) {
        checkParty(party);
        return party == parties.size() - 1 ? List.of(graph.output().name()) : boundaries.get(party);
    }

    /** Whether every boundary tensor has a known static shape and a carriable type. */
    public boolean carriable() {
        return boundaries.stream().flatMap(List::stream).allMatch(t -> tensor(t).carriable());
    }

    /**
     * Specs of the named tensors, failing with one line on the first without a spec (not
     * carriable).
     */
    public List<TensorSpec> specs(List<String> tensors) {
        List<TensorSpec> specs = new ArrayList<>(tensors.size());
        for (String name : tensors) {
            ModelGraph.Tensor t = tensor(name);
            if (!t.carriable()) {
                throw new IllegalStateException(
                        "tensor '"
                                + name
                                + "' of model "
                                + graph.modelId()
                                + " crosses a boundary of "
                                + this
                                + " but has no static shape or a type edgesplit cannot carry");
            }
            specs.add(t.spec());
        }
        return List.copyOf(specs);
    }

    /** Bytes crossing boundary {@code i} in the tensors' own types; fails if not carriable. */
    public long boundaryBytes(int i) {
        return specs(boundary(i)).stream().mapToLong(TensorSpec::bytes).sum();
    }

    private ModelGraph.Tensor tensor(String name) {
        return graph.tensor(name).orElseThrow();
    }

    private void checkParty(int party) {
        if (party < 0 || party >= parties.size()) {
            throw new IllegalArgumentException(
                    "party "
                            + party
                            + " is out of range: valid parties are 0.."
                            + (parties.size() - 1)
                            + " "
                            + parties);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Partition p
                        && parties.equals(p.parties)
                        && Arrays.equals(partyOf, p.partyOf)
                        && graph.equals(p.graph);
    }

    @Override
    public int hashCode() {
        return 31 * parties.hashCode() + Arrays.hashCode(partyOf);
    }

    /** E.g. "device | [relu, block1.relu1] | edge" for model tiny-residual. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(graph.modelId()).append(": ").append(parties.get(0));
        for (int i = 0; i < boundaries.size(); i++) {
            s.append(" | ").append(boundaries.get(i)).append(" | ").append(parties.get(i + 1));
        }
        return s.toString();
    }
}
