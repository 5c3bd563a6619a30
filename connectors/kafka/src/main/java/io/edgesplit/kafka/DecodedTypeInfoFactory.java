package io.edgesplit.kafka;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.functions.InvalidTypesException;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Lets Flink's type extraction build {@link Decoded#typeInfo(TypeInformation)} wherever it meets a
 * {@code Decoded<T>} whose {@code T} it knows.
 */
public final class DecodedTypeInfoFactory extends TypeInfoFactory<Decoded<?>> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TypeInformation<Decoded<?>> createTypeInfo(
            Type type, Map<String, TypeInformation<?>> genericParameters) {
        TypeInformation<?> valueType = genericParameters.get("T");
        if (valueType == null) {
            throw new InvalidTypesException(
                    "cannot tell the value type of "
                            + type
                            + ": pass Decoded.typeInfo(valueTypeInfo) explicitly");
        }
        return (TypeInformation) Decoded.typeInfo(valueType);
    }
}
