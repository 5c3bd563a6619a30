package io.edgesplit.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgesplit.job.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinePlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEVICES = List.of("jetson-nano", "jetson-tx2");

    @Test
    void readsWhatThePlannerWrites(@TempDir Path tmp) throws Exception {
        Path file =
                PlanFixtures.write(
                        Fixtures.MODEL,
                        DEVICES,
                        List.of(new int[] {0}, new int[] {1}),
                        tmp.resolve("plan.json"));
        ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(file));
        PipelinePlan plan = PipelinePlan.read(file);

        assertThat(plan.modelId()).isEqualTo(Fixtures.MODEL);
        assertThat(plan.stages()).hasSize(2);
        assertThat(plan.stageEnds()[0]).isZero();
        assertThat(plan.stages().get(0).devices())
                .extracting(PipelinePlan.Device::id)
                .containsExactly(json.at("/stages/0/devices/0/id").asText());
        assertThat(plan.periodMs()).isCloseTo(json.get("periodMs").asDouble(), within(1e-9));
        for (PipelinePlan.Stage s : plan.stages()) {
            assertThat(s.linkMs() + s.computeMs()).isCloseTo(s.timeMs(), within(1e-9));
        }
        // the split check accepts the plan of its own model
        assertThat(PipelineModel.split(Fixtures.MODEL, plan)).hasSize(2);
    }

    @Test
    void refusesPlansItCannotRun(@TempDir Path tmp) throws Exception {
        Path file =
                PlanFixtures.write(
                        Fixtures.MODEL,
                        DEVICES,
                        List.of(new int[] {0}, new int[] {1}),
                        tmp.resolve("plan.json"));
        ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(file));

        ObjectNode dataParallel = json.deepCopy().put("mode", "data-parallel");
        assertThatThrownBy(() -> PipelinePlan.parse(dataParallel, "p.json"))
                .hasMessageContaining("plan p.json is data parallel");
        ObjectNode gap = json.deepCopy();
        ((ObjectNode) gap.at("/stages/1")).put("fromNode", 0);
        assertThatThrownBy(() -> PipelinePlan.parse(gap, "p.json"))
                .hasMessageContaining("stage 2 starts at node 0");
        ObjectNode noModel = json.deepCopy();
        noModel.remove("model");
        assertThatThrownBy(() -> PipelinePlan.parse(noModel, "p.json"))
                .hasMessageContaining("names no model");
        PipelinePlan plan = PipelinePlan.parse(json, "p.json");
        assertThatThrownBy(() -> PipelineModel.split("tiny-residual", plan))
                .hasMessageContaining("is the plan of this model?");
        assertThatThrownBy(() -> PipelinePlan.read(tmp.resolve("missing.json")))
                .hasMessageContaining("cannot read plan");
    }
}
