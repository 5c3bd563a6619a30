package io.edgesplit.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.model.CutProfile;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.ResultStatus;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.kafka.Decoded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * General (DAG) cuts on the job's path: on tiny-branches, whose best split is not a prefix of its
 * topological order, the {@code dads} and {@code cic} devices run their heads at the general cut
 * (the emulated device really runs that head with ONNX Runtime, the edge its tail), Neurosurgeon
 * stays on prefix cuts, and every frame's top-1 equals the full model's (edge-only device).
 */
class DagCutJobITCase {

    private static final String MODEL = "tiny-branches";
    private static final int FRAMES = 8;
    private static final List<String> DEVICES =
            List.of(Policies.DADS, Policies.CIC, Policies.NEUROSURGEON_LATENCY, Policies.EDGE_ONLY);

    @RegisterExtension static final MiniClusterExtension CLUSTER = Fixtures.miniCluster();

    @Test
    void dagPoliciesRunTheGeneralCutAndKeepTheModelsAnswers() throws Exception {
        ModelProfile profile = ConfigLoader.macProfile(MODEL, MODEL);
        int general =
                profile.cuts().stream()
                        .filter(CutProfile::general)
                        .findFirst()
                        .orElseThrow()
                        .index();
        EdgeJobConfig.Builder config =
                EdgeJobConfig.builder()
                        .model(MODEL, MODEL)
                        .profileJson(MODEL, ModelProfileJson.toJson(profile))
                        .defaultDeviceType(Fixtures.DEVICE_TYPE)
                        .provider("cpu")
                        .batchSize(1)
                        .outOfOrdernessMs(2_000);
        for (String policy : DEVICES) {
            config.devicePolicy(policy, policy);
        }

        FiniteRun run = FiniteRun.run(config.build(), profile, telemetry(), frames(profile), 7);

        assertThat(run.results()).hasSize(DEVICES.size() * FRAMES);
        assertThat(run.results())
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.OK));
        Map<String, List<ResultRecord>> byDevice =
                run.results().stream().collect(Collectors.groupingBy(ResultRecord::deviceId));
        for (String dag : List.of(Policies.DADS, Policies.CIC)) {
            assertThat(byDevice.get(dag)).allSatisfy(r -> assertThat(r.cut()).isEqualTo(general));
        }
        assertThat(byDevice.get(Policies.NEUROSURGEON_LATENCY))
                .allSatisfy(r -> assertThat(r.cut()).isNotEqualTo(general));
        Map<Long, Integer> full =
                byDevice.get(Policies.EDGE_ONLY).stream()
                        .collect(Collectors.toMap(ResultRecord::frameId, ResultRecord::top1));
        for (String device : DEVICES) {
            assertThat(byDevice.get(device))
                    .allSatisfy(
                            r ->
                                    assertThat(r.top1())
                                            .as("%s frame %d", device, r.frameId())
                                            .isEqualTo(full.get(r.frameId())));
        }
    }

    /** 1 Gbit/s: above about 50 Mbit/s the general cut is tiny-branches' fastest on a TX2. */
    private static List<Decoded<Telemetry>> telemetry() {
        List<Decoded<Telemetry>> out = new ArrayList<>();
        for (String device : DEVICES) {
            for (int t = 0; t <= FRAMES + 10; t++) {
                out.add(Decoded.ofValue(Fixtures.telemetry(device, 1_000 + t * 100L, 1e9)));
            }
        }
        return out;
    }

    /** The same images for every device, so the answers can be compared frame by frame. */
    private static List<Decoded<FrameIn>> frames(ModelProfile profile) {
        List<Decoded<FrameIn>> out = new ArrayList<>();
        for (String device : DEVICES) {
            for (int i = 0; i < FRAMES; i++) {
                TensorPayload image = Fixtures.tensor(profile.input(), 1_000 + i);
                out.add(
                        Decoded.ofValue(
                                new FrameIn(
                                        device,
                                        i,
                                        1_000 + i * 100L,
                                        MODEL,
                                        0,
                                        new TensorPayload[] {image})));
            }
        }
        return out;
    }
}
