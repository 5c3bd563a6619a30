package io.edgesplit.onnx.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.onnx.graph.OnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One ONNX Runtime session over one model, fed and drained as raw little-endian tensors.
 *
 * <p>Inputs are copied into a direct buffer kept per input (grown when a larger batch arrives) and
 * handed to ONNX Runtime without further copies; each output is copied once into a heap buffer. For
 * a 224x224 image the Java cost around {@code OrtSession.run} is about 15 microseconds plus the
 * output copy, under 3% of a run (see docs/benchmarks/onnx.md).
 *
 * <p>Shapes are static apart from an optional leading batch dimension: when the model's inputs
 * declare a symbolic dimension 0, {@link #run} accepts any batch N >= 1 (the same N for all
 * inputs), otherwise exactly the declared shape.
 *
 * <p>Threading: {@code run} is serialized on the runner (its input buffers are reused). Use one
 * runner per thread (e.g. per Flink subtask) for parallel inference. Closing the runner releases
 * the native session; any later call fails with {@link IllegalStateException}.
 */
public final class ModelRunner implements AutoCloseable {

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final List<TensorSpec> inputs;
    private final Set<String> inputNames;
    private final List<TensorSpec> outputs;
    private final boolean batched;
    private final ByteBuffer[] inputBuffers;
    private boolean closed;

    private ModelRunner(byte[] model, String name, RunnerOptions options) {
        this.name = name;
        this.env = OrtEnvironments.get();
        Sessions.Opened opened = Sessions.open(model, name, options);
        this.session = opened.session();
        this.provider = opened.provider();
        try {
            List<TensorInfoView> in = views(session.getInputInfo(), "input");
            List<TensorInfoView> out = views(session.getOutputInfo(), "output");
            boolean anyBatched = in.stream().anyMatch(TensorInfoView::batched);
            boolean allBatched = in.stream().allMatch(TensorInfoView::batched);
            if (anyBatched && !allBatched) {
                throw new IllegalArgumentException(
                        "model "
                                + name
                                + " mixes inputs with and without a symbolic batch dimension;"
                                + " ModelRunner needs all or none");
            }
            this.batched = allBatched && !in.isEmpty();
            this.inputs = in.stream().map(TensorInfoView::spec).toList();
            this.inputNames = Set.copyOf(inputs.stream().map(TensorSpec::name).toList());
            this.outputs = out.stream().map(TensorInfoView::spec).toList();
            this.inputBuffers = new ByteBuffer[inputs.size()];
        } catch (OrtException | RuntimeException e) {
            closeQuietly(e);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalArgumentException(
                    "cannot read the inputs and outputs of model " + name + ": " + e.getMessage(),
                    e);
        }
    }

    /** Opens a session over an in-memory model. */
    public static ModelRunner open(OnnxModel model, RunnerOptions options) {
        return new ModelRunner(model.toBytes(), model.name(), options);
    }

    /** Opens a session over serialized ONNX bytes; {@code name} appears in messages. */
    public static ModelRunner open(byte[] model, String name, RunnerOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        return new ModelRunner(model, name, options);
    }

    /** The model's name. */
    public String name() {
        return name;
    }

    /** Input tensors in the model's order, with batch 1. */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    /** Output tensors in the model's order, with batch 1. */
    public List<TensorSpec> outputs() {
        return outputs;
    }

    /** Largest batch {@link #run} accepts: {@link Integer#MAX_VALUE} with a symbolic batch dim. */
    public int maxBatch() {
        return batched ? Integer.MAX_VALUE : 1;
    }

    /** The execution provider the session runs on (CPU after an AUTO fallback). */
    public ExecutionProvider providerInUse() {
        return provider;
    }

    /** Runs a single-input model. */
    public List<TensorData> run(TensorData input) {
        return run(List.of(input));
    }

    /**
     * Runs the model on one tensor per input (any order, matched by name) and returns the outputs
     * in the model's order.
     *
     * @throws IllegalArgumentException if a name, element type, shape or batch does not match
     * @throws IllegalStateException if the runner is closed or ONNX Runtime fails
     */
    public synchronized List<TensorData> run(List<TensorData> given) {
        ensureOpen();
        Map<String, TensorData> byName = new HashMap<>();
        for (TensorData t : given) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException(
                        "model " + name + ": input '" + t.name() + "' given twice");
            }
        }
        for (TensorData t : given) {
            if (!inputNames.contains(t.name())) {
                throw new IllegalArgumentException(
                        "model " + name + " has no input '" + t.name() + "'; inputs: " + inputs);
            }
        }
        long batch = -1;
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                TensorSpec spec = inputs.get(i);
                TensorData t = byName.get(spec.name());
                if (t == null) {
                    throw new IllegalArgumentException(
                            "model "
                                    + name
                                    + ": missing input '"
                                    + spec.name()
                                    + "' "
                                    + expected(spec));
                }
                check(spec, t);
                if (batch >= 0 && t.batch() != batch) {
                    throw new IllegalArgumentException(
                            "model "
                                    + name
                                    + ": all inputs need the same batch size, got "
                                    + batch
                                    + " and "
                                    + t.batch()
                                    + " ('"
                                    + t.name()
                                    + "')");
                }
                batch = t.batch();
                ByteBuffer buffer = bufferFor(i, t.byteSize());
                buffer.put(t.data()).flip();
                feed.put(spec.name(), OrtTensors.wrap(env, spec.elementType(), buffer, t.shape()));
            }
            try (OrtSession.Result result = session.run(feed)) {
                List<TensorData> out = new ArrayList<>(outputs.size());
                for (int i = 0; i < outputs.size(); i++) {
                    out.add(toData(outputs.get(i), result.get(i)));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed to run model "
                            + name
                            + ": "
                            + OrtErrors.firstLine(e.getMessage()),
                    e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private void check(TensorSpec spec, TensorData t) {
        long[] want = spec.shape();
        long[] got = t.shape();
        boolean shapeOk = want.length == got.length;
        for (int d = 0; shapeOk && d < want.length; d++) {
            shapeOk = d == 0 && batched ? got[0] >= 1 : got[d] == want[d];
        }
        if (t.type() != spec.elementType() || !shapeOk) {
            throw new IllegalArgumentException(
                    "model "
                            + name
                            + ": input '"
                            + spec.name()
                            + "' expected "
                            + expected(spec)
                            + ", got "
                            + TensorData.describe(t.type(), got));
        }
    }

    private String expected(TensorSpec spec) {
        long[] shape = spec.shape();
        String text = TensorData.describe(spec.elementType(), shape);
        return batched ? text.replaceFirst("\\[1", "[N") : text;
    }

    private ByteBuffer bufferFor(int input, int bytes) {
        ByteBuffer buffer = inputBuffers[input];
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            inputBuffers[input] = buffer;
        }
        buffer.clear().limit(bytes);
        return buffer;
    }

    private TensorData toData(TensorSpec spec, OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException(
                    "model " + name + ": output '" + spec.name() + "' is not a tensor");
        }
        TensorInfo info = tensor.getInfo();
        ByteBuffer bytes = tensor.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return new TensorData(spec.name(), spec.elementType(), info.getShape(), bytes);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ModelRunner for model " + name + " is closed");
        }
    }

    /** Releases the native session; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot close the ONNX Runtime session of model "
                            + name
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private void closeQuietly(Exception cause) {
        try {
            session.close();
        } catch (OrtException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "ModelRunner(" + name + ", " + provider + ", inputs " + inputs + ")";
    }

    private static String describeDims(long[] shape, String[] names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            String name = i < names.length ? names[i] : "";
            sb.append(i == 0 ? "" : ",")
                    .append(shape[i] >= 0 ? Long.toString(shape[i]) : name.isEmpty() ? "?" : name);
        }
        return sb.append(']').toString();
    }

    /** A model input or output as ONNX Runtime reports it, checked for edgesplit's needs. */
    private record TensorInfoView(TensorSpec spec, boolean batched) {}

    private List<TensorInfoView> views(Map<String, NodeInfo> infos, String kind) {
        List<TensorInfoView> views = new ArrayList<>();
        for (NodeInfo node : infos.values()) {
            String what = "model " + name + " " + kind + " '" + node.getName() + "'";
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new IllegalArgumentException(what + " is not a tensor");
            }
            ElementType type =
                    OrtTensors.elementType(info)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    what
                                                            + " has element type "
                                                            + info.onnxType
                                                            + ", which edgesplit cannot carry"));
            long[] shape = info.getShape();
            boolean leadingDynamic = shape.length > 0 && shape[0] < 0;
            for (int d = leadingDynamic ? 1 : 0; d < shape.length; d++) {
                if (shape[d] < 0) {
                    throw new IllegalArgumentException(
                            what
                                    + " has dynamic dims "
                                    + describeDims(shape, info.getDimensionNames())
                                    + "; ModelRunner needs static shapes apart from a leading"
                                    + " batch dimension (split or analyse it with --input-shape)");
                }
            }
            long[] batchOne = shape.clone();
            if (leadingDynamic) {
                batchOne[0] = 1;
            }
            views.add(
                    new TensorInfoView(
                            new TensorSpec(node.getName(), type, batchOne), leadingDynamic));
        }
        return views;
    }
}
