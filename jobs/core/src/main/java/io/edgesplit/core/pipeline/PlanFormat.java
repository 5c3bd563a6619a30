package io.edgesplit.core.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link Plan} as text for people and as JSON (field {@code predictedFps}) for programs. */
public final class PlanFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanFormat() {}

    /** The plan as a JSON object. */
    public static ObjectNode json(Plan plan, PipelineModel model, DeviceNetwork network) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", plan.modelId());
        root.put("algorithm", plan.algorithm());
        root.put("mode", plan.dataParallel() ? "data-parallel" : "pipeline");
        root.put("feasible", plan.feasible());
        root.put("predictedFps", plan.predictedFps());
        root.put("periodMs", plan.feasible() ? plan.periodS() * 1e3 : null);
        root.put("bottleneckStage", plan.bottleneck() + 1);
        ArrayNode stages = root.putArray("stages");
        for (int i = 0; i < plan.stages().size(); i++) {
            StagePlan s = plan.stages().get(i);
            ObjectNode o = stages.addObject();
            o.put("stage", i + 1);
            o.put("fromCut", s.fromCut());
            o.put("toCut", s.toCut());
            o.put("fromNode", s.fromNode());
            o.put("toNode", s.toNode());
            o.put("splitEnd", s.splitEnd());
            o.put("leader", network.device(s.leader()).id());
            o.put("timeMs", s.timeS() * 1e3);
            o.put("wholeMs", s.wholeS() * 1e3);
            ArrayNode in = o.putArray("inputs");
            model.liveTensorNames(s.fromNode()).forEach(in::add);
            ArrayNode out = o.putArray("outputs");
            model.liveTensorNames(s.toNode()).forEach(out::add);
            ArrayNode devices = o.putArray("devices");
            for (StagePlan.Member m : s.members()) {
                ObjectNode d = devices.addObject();
                d.put("id", network.device(m.device()).id());
                d.put("profile", network.device(m.device()).profile().name());
                d.put("share", m.share());
                d.put("rowFrom", m.rowFrom());
                d.put("rowTo", m.rowTo());
                d.put("inMs", m.inS() * 1e3);
                d.put("computeMs", m.computeS() * 1e3);
                d.put("outMs", m.outS() * 1e3);
                d.put("memoryBytes", m.memoryBytes());
            }
        }
        return root;
    }

    /** The plan as lines of text. */
    public static List<String> text(Plan plan, PipelineModel model, DeviceNetwork network) {
        List<String> lines = new ArrayList<>();
        if (!plan.feasible()) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%s on %d devices (%s): no feasible plan (the devices cannot hold the"
                                    + " model's weights and activations)",
                            plan.modelId(),
                            network.size(),
                            plan.algorithm()));
            return lines;
        }
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%s on %d devices (%s, %s): predicted %.2f frames/s, bottleneck stage %d"
                                + " (%.3f ms)",
                        plan.modelId(),
                        network.size(),
                        plan.algorithm(),
                        plan.dataParallel() ? "data parallel" : plan.stages().size() + " stages",
                        plan.predictedFps(),
                        plan.bottleneck() + 1,
                        plan.stages().get(plan.bottleneck()).timeS() * 1e3));
        for (int i = 0; i < plan.stages().size(); i++) {
            stageLines(lines, i, plan, model, network);
        }
        return lines;
    }

    private static String splitText(StagePlan s, PipelineModel model) {
        String text =
                String.format(
                        Locale.ROOT,
                        ", nodes %d..%d split by rows (%d rows)",
                        s.fromNode(),
                        s.splitEnd() - 1,
                        model.rowsAt(s.splitEnd()));
        if (s.splitEnd() < s.toNode()) {
            text +=
                    String.format(
                            Locale.ROOT,
                            ", %d..%d whole on the leader (%.3f ms)",
                            s.splitEnd(),
                            s.toNode() - 1,
                            s.wholeS() * 1e3);
        }
        return text;
    }

    private static void stageLines(
            List<String> lines, int i, Plan plan, PipelineModel model, DeviceNetwork network) {
        StagePlan s = plan.stages().get(i);
        lines.add(
                String.format(
                        Locale.ROOT,
                        "stage %d: nodes %d..%d (cuts %d..%d), %.3f ms%s, leader %s",
                        i + 1,
                        s.fromNode(),
                        s.toNode() - 1,
                        s.fromCut(),
                        s.toCut(),
                        s.timeS() * 1e3,
                        plan.dataParallel()
                                ? " per frame overall"
                                : s.splitEnd() > s.fromNode() && s.members().size() > 1
                                        ? splitText(s, model)
                                        : "",
                        network.device(s.leader()).id()));
        boolean split = s.members().size() > 1 && s.splitEnd() > s.fromNode();
        for (StagePlan.Member m : s.members()) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "  %-16s %-17s share %5.3f%s in %8.3f ms, compute %8.3f ms, out %7.3f"
                                    + " ms, memory %,d B",
                            network.device(m.device()).id(),
                            network.device(m.device()).profile().name(),
                            m.share(),
                            split
                                    ? String.format(
                                            Locale.ROOT, " rows %4d..%-4d", m.rowFrom(), m.rowTo())
                                    : "",
                            m.inS() * 1e3,
                            m.computeS() * 1e3,
                            m.outS() * 1e3,
                            m.memoryBytes()));
        }
    }
}
