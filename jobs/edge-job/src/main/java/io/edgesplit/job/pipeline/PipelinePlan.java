package io.edgesplit.job.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-device plan as {@code edgesplit plan --out FILE} writes it, read once at submission: the
 * model, the stages in pipeline order (their node ranges and cut indices) and, per stage, the
 * devices with their receive, compute and send times from the planner's cost model. Immutable and
 * serializable, handed to the pipeline job's operators.
 *
 * @param modelId the model the plan is for
 * @param algorithm how the plan was found (pso, greedy, ...)
 * @param predictedFps the planner's predicted throughput
 * @param stages the stages in pipeline order
 */
public record PipelinePlan(
        String modelId, String algorithm, double predictedFps, List<Stage> stages)
        implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PipelinePlan {
        Objects.requireNonNull(modelId, "modelId");
        stages = List.copyOf(stages);
    }

    /**
     * One stage.
     *
     * @param fromNode first node
     * @param toNode one past the last node
     * @param splitEnd end of the part whose rows are shared among the devices
     * @param fromCut the cut index the stage starts at
     * @param leader device that runs the whole part and sends the output on
     * @param timeMs the stage's time per frame (the slowest device plus the leader's whole part)
     * @param wholeMs the leader's time on the whole part
     * @param devices the stage's devices
     */
    public record Stage(
            int fromNode,
            int toNode,
            int splitEnd,
            int fromCut,
            String leader,
            double timeMs,
            double wholeMs,
            List<Device> devices)
            implements Serializable {

        public Stage {
            devices = List.copyOf(devices);
        }

        /** The device whose receive + compute + send is the longest (it sets the stage time). */
        public Device slowest() {
            Device s = devices.get(0);
            for (Device d : devices) {
                if (d.totalMs() > s.totalMs()) {
                    s = d;
                }
            }
            return s;
        }

        /** Emulated link time per frame: the slowest device's receive and send. */
        public double linkMs() {
            Device s = slowest();
            return s.inMs() + s.outMs();
        }

        /** Emulated compute time per frame: the slowest device's share and the whole part. */
        public double computeMs() {
            return slowest().computeMs() + wholeMs;
        }
    }

    /**
     * One device's part of a stage.
     *
     * @param id device id in the plan's network
     * @param profile its device profile
     * @param rowFrom first output row of the split part it computes
     * @param rowTo one past its last row
     * @param inMs time to receive its input
     * @param computeMs time to compute its share
     * @param outMs time to send its rows to the leader
     */
    public record Device(
            String id,
            String profile,
            long rowFrom,
            long rowTo,
            double inMs,
            double computeMs,
            double outMs)
            implements Serializable {

        public double totalMs() {
            return inMs + computeMs + outMs;
        }
    }

    /** The plan's period (bottleneck stage time), ms. */
    public double periodMs() {
        double p = 0;
        for (Stage s : stages) {
            p = Math.max(p, s.timeMs());
        }
        return p;
    }

    /** Time of one frame through an empty pipeline (the sum of the stage times), ms. */
    public double latencyMs() {
        double t = 0;
        for (Stage s : stages) {
            t += s.timeMs();
        }
        return t;
    }

    /** The node positions where the stages end, 0 first and the node count last. */
    public int[] stageEnds() {
        int[] ends = new int[stages.size() + 1];
        for (int i = 0; i < stages.size(); i++) {
            ends[i + 1] = stages.get(i).toNode();
        }
        return ends;
    }

    /** Reads a plan file; fails in one line naming the file and what is wrong. */
    public static PipelinePlan read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read plan "
                            + file
                            + ": "
                            + (e instanceof NoSuchFileException ? "no such file" : e.getMessage())
                            + " (write one with"
                            + " edgesplit plan --out FILE)",
                    e);
        }
        return parse(root, file.toString());
    }

    /** A plan from its JSON; {@code origin} names it in messages. */
    public static PipelinePlan parse(JsonNode root, String origin) {
        String model = root.path("model").asText(null);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(
                    "plan "
                            + origin
                            + " names no model: is it the output of edgesplit plan --out?");
        }
        if ("data-parallel".equals(root.path("mode").asText())) {
            throw new IllegalArgumentException(
                    "plan "
                            + origin
                            + " is data parallel (every device runs the whole model): the"
                            + " pipeline job runs pipelines; plan with --algorithm pso");
        }
        if (!root.path("feasible").asBoolean(true)) {
            throw new IllegalArgumentException(
                    "plan " + origin + " is infeasible (nothing fits in memory): nothing to run");
        }
        JsonNode stages = root.path("stages");
        if (!stages.isArray() || stages.isEmpty()) {
            throw new IllegalArgumentException("plan " + origin + " has no stages");
        }
        List<Stage> out = new ArrayList<>();
        int next = 0;
        for (JsonNode s : stages) {
            Stage stage = stage(s, out.size() + 1, origin);
            if (stage.fromNode() != next) {
                throw new IllegalArgumentException(
                        "plan "
                                + origin
                                + " stage "
                                + (out.size() + 1)
                                + " starts at node "
                                + stage.fromNode()
                                + ", expected "
                                + next
                                + ": stages must follow each other from node 0");
            }
            next = stage.toNode();
            out.add(stage);
        }
        return new PipelinePlan(
                model,
                root.path("algorithm").asText("?"),
                root.path("predictedFps").asDouble(),
                out);
    }

    private static Stage stage(JsonNode s, int number, String origin) {
        int from = s.path("fromNode").asInt(-1);
        int to = s.path("toNode").asInt(-1);
        JsonNode devices = s.path("devices");
        if (from < 0 || to <= from || !devices.isArray() || devices.isEmpty()) {
            throw new IllegalArgumentException(
                    "plan "
                            + origin
                            + " stage "
                            + number
                            + " needs fromNode < toNode and at least one device, got nodes "
                            + from
                            + ".."
                            + to);
        }
        List<Device> list = new ArrayList<>();
        for (JsonNode d : devices) {
            list.add(
                    new Device(
                            d.path("id").asText(),
                            d.path("profile").asText(),
                            d.path("rowFrom").asLong(),
                            d.path("rowTo").asLong(),
                            d.path("inMs").asDouble(),
                            d.path("computeMs").asDouble(),
                            d.path("outMs").asDouble()));
        }
        return new Stage(
                from,
                to,
                s.path("splitEnd").asInt(from),
                s.path("fromCut").asInt(),
                s.path("leader").asText(),
                s.path("timeMs").asDouble(),
                s.path("wholeMs").asDouble(),
                list);
    }
}
