package io.edgesplit.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, validated ONNX model: a {@link ModelProto} with a name.
 *
 * <p>Loading checks what edgesplit relies on and fails with one line naming the file and the
 * problem: the bytes are an ONNX {@code ModelProto} with a graph, the default ({@code ai.onnx})
 * opset is 11 or newer, and all weights are stored inside the file (no external data).
 */
public final class OnnxModel {

    /** The oldest default-domain opset edgesplit accepts. */
    public static final int MIN_OPSET = 11;

    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8L;

    private final ModelProto proto;
    private final String name;
    private final int opset;

    private OnnxModel(ModelProto proto, String name, String origin) {
        this.proto = proto;
        this.name = name;
        this.opset = validate(proto, origin);
    }

    /** Wraps a model built in memory; {@code name} identifies it in profiles and messages. */
    public static OnnxModel of(ModelProto proto, String name) {
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(name, "name");
        return new OnnxModel(proto, name, name);
    }

    /** Reads an {@code .onnx} file; the model is named after the file (without extension). */
    public static OnnxModel load(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(
                        "model file "
                                + file
                                + " is "
                                + size
                                + " bytes; single-file ONNX models are limited to 2 GB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("model file " + file + " is not readable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read model file " + file + ": " + e.getMessage(), e);
        }
        return fromBytes(bytes, file.toString());
    }

    /**
     * Parses serialized ONNX bytes; {@code origin} (a file name or description) names the model in
     * error messages and gives its name (the last path element without {@code .onnx}).
     */
    public static OnnxModel fromBytes(byte[] bytes, String origin) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(origin, "origin");
        if (bytes.length == 0) {
            throw new IllegalArgumentException(origin + " is not an ONNX model: the file is empty");
        }
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(
                    origin + " is not an ONNX model (protobuf parse error: " + e.getMessage() + ")",
                    e);
        }
        return new OnnxModel(proto, stem(origin), origin);
    }

    private static String stem(String origin) {
        String fileName = Path.of(origin).getFileName().toString();
        return fileName.endsWith(".onnx")
                ? fileName.substring(0, fileName.length() - ".onnx".length())
                : fileName;
    }

    /** Checks what edgesplit relies on; {@code name} is the file or model name for messages. */
    private static int validate(ModelProto proto, String name) {
        if (!proto.hasGraph() || proto.getIrVersion() <= 0) {
            throw new IllegalArgumentException(
                    name
                            + " is not an ONNX model: it has no "
                            + (proto.hasGraph() ? "ir_version" : "graph"));
        }
        int opset = -1;
        for (OperatorSetIdProto id : proto.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                opset = (int) id.getVersion();
            }
        }
        if (opset < 0) {
            throw new IllegalArgumentException(
                    "model "
                            + name
                            + " imports no default (ai.onnx) opset; it is not a valid model");
        }
        if (opset < MIN_OPSET) {
            throw new IllegalArgumentException(
                    "model "
                            + name
                            + " uses opset "
                            + opset
                            + "; edgesplit needs opset "
                            + MIN_OPSET
                            + " or newer (re-export it, e.g. torch.onnx.export(..., opset_version=17))");
        }
        GraphProto graph = proto.getGraph();
        for (TensorProto init : graph.getInitializerList()) {
            if (init.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                throw new IllegalArgumentException(
                        "model "
                                + name
                                + " stores initializer '"
                                + init.getName()
                                + "' in an external data file; save it as one file"
                                + " (onnx.save(model, path, save_as_external_data=False))");
            }
        }
        if (graph.getOutputCount() == 0) {
            throw new IllegalArgumentException("model " + name + " has no graph outputs");
        }
        return opset;
    }

    /** The model's name: zoo name, or the file name without {@code .onnx}. */
    public String name() {
        return name;
    }

    /** The underlying protobuf (immutable). */
    public ModelProto proto() {
        return proto;
    }

    /** The default-domain ({@code ai.onnx}) opset version. */
    public int opset() {
        return opset;
    }

    /** Graph inputs a caller must feed (graph inputs that are also initializers are left out). */
    public List<ValueInfoProto> inputs() {
        Set<String> initializers = new HashSet<>();
        for (TensorProto init : proto.getGraph().getInitializerList()) {
            initializers.add(init.getName());
        }
        return proto.getGraph().getInputList().stream()
                .filter(v -> !initializers.contains(v.getName()))
                .toList();
    }

    /** Graph outputs. */
    public List<ValueInfoProto> outputs() {
        return proto.getGraph().getOutputList();
    }

    /** Number of weight elements (all initializers). */
    public long parameterCount() {
        long n = 0;
        for (TensorProto init : proto.getGraph().getInitializerList()) {
            long elements = 1;
            for (long d : init.getDimsList()) {
                elements *= d;
            }
            n += elements;
        }
        return n;
    }

    /** Serialized size in bytes. */
    public long serializedSize() {
        return proto.getSerializedSize();
    }

    /** Serialized ONNX bytes. */
    public byte[] toBytes() {
        return proto.toByteArray();
    }

    /** Writes the model as one {@code .onnx} file, creating parent directories. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var out = Files.newOutputStream(file)) {
                proto.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write model " + name + " to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OnnxModel("
                + name
                + ", opset "
                + opset
                + ", "
                + proto.getGraph().getNodeCount()
                + " nodes)";
    }
}
