package io.edgesplit.onnx.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens ONNX Runtime sessions with the requested execution provider and the CPU fallback. */
final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final AtomicBoolean WARNED_NO_CUDA = new AtomicBoolean();

    private Sessions() {}

    /** An open session and the provider it runs on. */
    record Opened(OrtSession session, ExecutionProvider provider) {}

    static Opened open(byte[] model, String name, RunnerOptions options) {
        OrtEnvironment env = OrtEnvironments.get();
        if (options.provider() != ExecutionProvider.CPU) {
            try (OrtSession.SessionOptions cuda = baseOptions(options)) {
                try {
                    cuda.addCUDA(options.gpuDeviceId());
                } catch (OrtException e) {
                    String reason = OrtErrors.firstLine(e.getMessage());
                    if (options.provider() == ExecutionProvider.CUDA) {
                        throw new IllegalStateException(
                                "CUDA execution provider unavailable for model "
                                        + name
                                        + " ("
                                        + reason
                                        + "): it needs ONNX Runtime's GPU build (mvn -Pgpu),"
                                        + " CUDA 12 and cuDNN 9; or use provider cpu or auto",
                                e);
                    }
                    if (WARNED_NO_CUDA.compareAndSet(false, true)) {
                        LOG.warn(
                                "CUDA execution provider unavailable ({}); running on CPU", reason);
                    } else {
                        LOG.debug("CUDA unavailable for model {}; running on CPU", name);
                    }
                    return new Opened(
                            create(env, model, name, null, options), ExecutionProvider.CPU);
                }
                return new Opened(create(env, model, name, cuda, options), ExecutionProvider.CUDA);
            } catch (OrtException e) {
                throw new IllegalStateException(
                        "cannot set up ONNX Runtime session options: " + e.getMessage(), e);
            }
        }
        return new Opened(create(env, model, name, null, options), ExecutionProvider.CPU);
    }

    private static OrtSession create(
            OrtEnvironment env,
            byte[] model,
            String name,
            OrtSession.SessionOptions prepared,
            RunnerOptions options) {
        try {
            if (prepared != null) {
                return env.createSession(model, prepared);
            }
            try (OrtSession.SessionOptions cpu = baseOptions(options)) {
                return env.createSession(model, cpu);
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException(
                    "ONNX Runtime cannot load model "
                            + name
                            + ": "
                            + OrtErrors.firstLine(e.getMessage()),
                    e);
        }
    }

    private static OrtSession.SessionOptions baseOptions(RunnerOptions options)
            throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            so.setOptimizationLevel(options.optimization().ortLevel());
            if (options.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(options.intraOpThreads());
            }
            for (Map.Entry<String, String> e : options.configEntries().entrySet()) {
                so.addConfigEntry(e.getKey(), e.getValue());
            }
            return so;
        } catch (OrtException e) {
            so.close();
            throw e;
        }
    }
}
