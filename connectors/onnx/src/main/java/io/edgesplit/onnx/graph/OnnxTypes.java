package io.edgesplit.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgesplit.core.model.ElementType;
import java.util.Optional;

/** Maps between ONNX element type codes ({@code TensorProto.DataType}) and {@link ElementType}. */
public final class OnnxTypes {

    private OnnxTypes() {}

    /** The ONNX {@code TensorProto.DataType} code of an element type. */
    public static int onnxCode(ElementType type) {
        return switch (type) {
            case FLOAT -> TensorProto.DataType.FLOAT_VALUE;
            case FLOAT16 -> TensorProto.DataType.FLOAT16_VALUE;
            case DOUBLE -> TensorProto.DataType.DOUBLE_VALUE;
            case INT8 -> TensorProto.DataType.INT8_VALUE;
            case UINT8 -> TensorProto.DataType.UINT8_VALUE;
            case INT32 -> TensorProto.DataType.INT32_VALUE;
            case INT64 -> TensorProto.DataType.INT64_VALUE;
            case BOOL -> TensorProto.DataType.BOOL_VALUE;
        };
    }

    /** The element type of an ONNX type code, or empty if edgesplit cannot send it across a cut. */
    public static Optional<ElementType> fromOnnxCode(int code) {
        return Optional.ofNullable(
                switch (code) {
                    case TensorProto.DataType.FLOAT_VALUE -> ElementType.FLOAT;
                    case TensorProto.DataType.FLOAT16_VALUE -> ElementType.FLOAT16;
                    case TensorProto.DataType.DOUBLE_VALUE -> ElementType.DOUBLE;
                    case TensorProto.DataType.INT8_VALUE -> ElementType.INT8;
                    case TensorProto.DataType.UINT8_VALUE -> ElementType.UINT8;
                    case TensorProto.DataType.INT32_VALUE -> ElementType.INT32;
                    case TensorProto.DataType.INT64_VALUE -> ElementType.INT64;
                    case TensorProto.DataType.BOOL_VALUE -> ElementType.BOOL;
                    default -> null;
                });
    }

    /** A readable name of an ONNX type code, for error messages. */
    public static String onnxName(int code) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(code);
        return type == null ? "type#" + code : type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
