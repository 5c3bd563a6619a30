package io.edgesplit.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static Configuration conf(String... kv) {
        Configuration c = new Configuration();
        c.set(EdgeJobOptions.MODELS, List.of("tiny-chain"));
        for (int i = 0; i < kv.length; i += 2) {
            c.setString(kv[i], kv[i + 1]);
        }
        return c;
    }

    @Test
    void defaultsServeTheModelWithAMacProfile() {
        EdgeJobConfig config = ConfigLoader.load(conf());
        assertThat(config.models()).containsEntry("tiny-chain", "tiny-chain");
        ModelProfile p = ModelProfileJson.fromJson(config.profilesJson().get("tiny-chain"), "test");
        assertThat(p.modelId()).isEqualTo("tiny-chain");
        assertThat(p.cuts()).hasSizeGreaterThan(2);
        assertThat(config.controller().allowIdle()).isFalse();
        assertThat(config.policyFor("anyone")).isEqualTo("cutedge");
    }

    @Test
    void controllerAndPerDeviceOptionsAreParsed() {
        EdgeJobConfig config =
                ConfigLoader.load(
                        conf(
                                "edgesplit.controller.v", "50",
                                "edgesplit.controller.device-policies",
                                        "cam-1=edge-only;cam-2=device-only",
                                "edgesplit.controller.allow-idle", "true",
                                "edgesplit.controller.latency-bound", "300 ms"));
        assertThat(config.controller().v()).isEqualTo(50.0);
        assertThat(config.controller().latencyBoundS()).isEqualTo(0.3);
        assertThat(ConfigLoader.load(conf()).controller().latencyBoundS()).isEqualTo(0.2);
        assertThat(config.controller().allowIdle()).isTrue();
        assertThat(config.policyFor("cam-1")).isEqualTo("edge-only");
        assertThat(config.policyFor("cam-2")).isEqualTo("device-only");
    }

    @Test
    void badValuesFailInOneLineNamingTheOption() {
        assertThatThrownBy(() -> ConfigLoader.load(conf("edgesplit.job.models", "alexnet2")))
                .hasMessageStartingWith(
                        "edgesplit.job.models: unknown model 'alexnet2': built-in models are ");
        assertThatThrownBy(() -> ConfigLoader.load(conf("edgesplit.controller.policy", "fastest")))
                .hasMessageStartingWith(
                        "edgesplit.controller.policy: unknown policy 'fastest': use one of ");
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        conf("edgesplit.controller.policy", "offline-optimal")))
                .hasMessageStartingWith(
                        "edgesplit.controller.policy: policy 'offline-optimal' needs the whole"
                                + " trace in advance: use one of cutedge,");
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        conf("edgesplit.controller.device-policies", "cam-1")))
                .hasMessage("edgesplit.controller.device-policies: 'cam-1' is not deviceId=policy");
        assertThatThrownBy(() -> ConfigLoader.load(conf("edgesplit.controller.vv", "3")))
                .hasMessageStartingWith(
                        "unknown option 'edgesplit.controller.vv': controller options are ");
        assertThatThrownBy(() -> ConfigLoader.load(conf("edgesplit.controller.v", "-1")))
                .hasMessageContaining("edgesplit.controller.v");
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        conf("edgesplit.controller.default-device-type", "pixel")))
                .hasMessageStartingWith(
                        "edgesplit.controller.default-device-type = 'pixel' is not a device profile");
        assertThatThrownBy(() -> ConfigLoader.load(conf("edgesplit.job.mode", "batch")))
                .hasMessage("unknown job mode 'batch': use replay or live");
        assertThatThrownBy(() -> ConfigLoader.load(conf("edgesplit.inference.provider", "tpu")))
                .hasMessageContaining("tpu");
        assertThatThrownBy(() -> ConfigLoader.load(conf("edgesplit.inference.batch-size", "0")))
                .hasMessage("edgesplit.inference.batch-size must be >= 1, got 0");
        assertThatThrownBy(
                        () -> ConfigLoader.load(conf("edgesplit.job.models", "m=/nowhere/m.onnx")))
                .hasMessage(
                        "edgesplit.job.models: 'm=/nowhere/m.onnx' must be id=/path/to/model.onnx with an existing file");
    }

    @Test
    void profilesMustBeForServedModels(@TempDir Path dir) throws Exception {
        ModelProfile p = ConfigLoader.macProfile("tiny-chain", "tiny-chain");
        Path good = dir.resolve("tiny.json");
        ModelProfileJson.write(p, good);
        EdgeJobConfig config = ConfigLoader.load(conf("edgesplit.job.profiles", good.toString()));
        assertThat(config.profilesJson().get("tiny-chain")).isEqualTo(ModelProfileJson.toJson(p));

        Path other = dir.resolve("other.json");
        ModelProfileJson.write(
                new ModelProfile("other", p.input(), p.output(), p.totalMacs(), null, p.cuts()),
                other);
        assertThatThrownBy(
                        () -> ConfigLoader.load(conf("edgesplit.job.profiles", other.toString())))
                .hasMessageStartingWith(
                        "profile " + other + " is for model 'other', which the job does not serve");
        Files.writeString(dir.resolve("broken.json"), "{");
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        conf(
                                                "edgesplit.job.profiles",
                                                dir.resolve("broken.json").toString())))
                .hasMessageStartingWith("invalid model profile");

        // a profile of another graph under the served model's id: refused at submission
        Path mismatched = dir.resolve("mismatched.json");
        ModelProfileJson.write(
                new ModelProfile(
                        "tiny-chain",
                        p.input(),
                        p.output(),
                        p.totalMacs(),
                        null,
                        p.cuts().subList(0, p.cuts().size() - 1)),
                mismatched);
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        conf("edgesplit.job.profiles", mismatched.toString())))
                .hasMessageStartingWith("profile of model 'tiny-chain' has ")
                .hasMessageContaining("re-run edgesplit profile");
    }
}
