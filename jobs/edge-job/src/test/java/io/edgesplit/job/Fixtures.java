package io.edgesplit.job;

import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DeviceEvent;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.events.TensorPayload;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * Shared test data: the tiny-chain model, its MAC profile, frames and telemetry; and the
 * MiniCluster the ITCases run on.
 */
public final class Fixtures {

    public static final String MODEL = "tiny-chain";
    public static final String DEVICE_TYPE = "jetson-tx2";
    public static final double UPLINK_BPS = 20e6;

    private static ModelProfile profile;

    private Fixtures() {}

    public static synchronized ModelProfile profile() {
        if (profile == null) {
            profile = ConfigLoader.macProfile(MODEL, MODEL);
        }
        return profile;
    }

    /** The ITCases' MiniCluster: one TaskManager with two slots. */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** A config serving tiny-chain with its MAC profile; replay mode, policy cutedge. */
    public static EdgeJobConfig.Builder config() {
        return EdgeJobConfig.builder()
                .model(MODEL, MODEL)
                .profileJson(MODEL, ModelProfileJson.toJson(profile()))
                .controllerOption("edgesplit.controller.allow-idle", "false")
                .defaultDeviceType(DEVICE_TYPE)
                .provider("cpu")
                .batchSize(1);
    }

    /** A raw frame (cut 0) with a random image derived from the frame id. */
    public static FrameIn frame(String device, long id, long captureTime) {
        TensorSpec in = profile().input();
        return new FrameIn(
                device,
                id,
                captureTime,
                MODEL,
                0,
                new TensorPayload[] {tensor(in, device.hashCode() * 31L + id)});
    }

    public static TensorPayload tensor(TensorSpec spec, long seed) {
        if (spec.elementType() != ElementType.FLOAT) {
            throw new IllegalArgumentException("float tensors only");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = Math.toIntExact(spec.elements());
        ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) (rnd.nextDouble() * 2 - 1));
        }
        return new TensorPayload(spec.name(), spec.elementType(), spec.shape(), b.array());
    }

    public static Telemetry telemetry(String device, long ts, double bps) {
        return new Telemetry(device, ts, DEVICE_TYPE, bps, null, null, null, null);
    }

    public static DeviceEvent event(FrameIn f) {
        return DeviceEvent.of(f);
    }

    public static DeviceEvent event(Telemetry t) {
        return DeviceEvent.of(t);
    }
}
