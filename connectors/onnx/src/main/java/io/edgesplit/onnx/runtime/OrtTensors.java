package io.edgesplit.onnx.runtime;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.edgesplit.core.model.ElementType;
import io.edgesplit.onnx.graph.OnnxTypes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** Creates ONNX Runtime tensors over direct buffers without copying. */
public final class OrtTensors {

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError(
                    "edgesplit sends tensors as little-endian bytes and needs a little-endian CPU");
        }
    }

    private static final String ORT_TYPE_PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

    private OrtTensors() {}

    /**
     * An {@link OnnxTensor} backed by {@code direct} (a direct buffer in native order holding the
     * elements between its position and limit). The tensor reads the buffer in place: do not change
     * it until the tensor is closed.
     */
    public static OnnxTensor wrap(
            OrtEnvironment env, ElementType type, ByteBuffer direct, long[] shape)
            throws OrtException {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("OrtTensors.wrap needs a direct buffer");
        }
        ByteBuffer bytes = direct.slice().order(ByteOrder.nativeOrder());
        return switch (type) {
            case FLOAT -> OnnxTensor.createTensor(env, bytes.asFloatBuffer(), shape);
            case DOUBLE -> OnnxTensor.createTensor(env, bytes.asDoubleBuffer(), shape);
            case INT32 -> OnnxTensor.createTensor(env, bytes.asIntBuffer(), shape);
            case INT64 -> OnnxTensor.createTensor(env, bytes.asLongBuffer(), shape);
            case FLOAT16 ->
                    OnnxTensor.createTensor(
                            env, bytes.asShortBuffer(), shape, OnnxJavaType.FLOAT16);
            case INT8 -> OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.INT8);
            case UINT8 -> OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.UINT8);
            case BOOL -> OnnxTensor.createTensor(env, bytes, shape, OnnxJavaType.BOOL);
        };
    }

    /** An all-zero tensor in a fresh direct buffer. */
    public static OnnxTensor zeros(OrtEnvironment env, ElementType type, long[] shape)
            throws OrtException {
        long elements = 1;
        for (long d : shape) {
            elements = Math.multiplyExact(elements, d);
        }
        ByteBuffer buffer =
                ByteBuffer.allocateDirect(Math.toIntExact(elements * type.bytes()))
                        .order(ByteOrder.nativeOrder());
        return wrap(env, type, buffer, shape);
    }

    /** The element type of an ONNX Runtime tensor, or empty when edgesplit cannot carry it. */
    public static Optional<ElementType> elementType(TensorInfo info) {
        return OnnxTypes.fromOnnxCode(onnxCode(info.onnxType));
    }

    /**
     * The ONNX {@code TensorProto.DataType} code of an ONNX Runtime element type (ONNX Runtime's
     * Java enum numbers them differently), or 0 (undefined) if ONNX has no such type.
     */
    public static int onnxCode(TensorInfo.OnnxTensorType type) {
        String name = type.name().substring(ORT_TYPE_PREFIX.length());
        try {
            return TensorProto.DataType.valueOf(name).getNumber();
        } catch (IllegalArgumentException e) {
            return TensorProto.DataType.UNDEFINED_VALUE;
        }
    }
}
