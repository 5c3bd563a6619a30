package io.edgesplit.kafka;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Emits the values of a {@code Decoded} stream and sends its dead letters to the side output {@link
 * #DEAD_LETTERS}:
 *
 * <pre>{@code
 * SingleOutputStreamOperator<Telemetry> telemetry =
 *         env.fromSource(source, watermarks, "telemetry").process(new DecodedSplitter<>(type));
 * telemetry.getSideOutput(DecodedSplitter.DEAD_LETTERS).sinkTo(deadLetterSink);
 * }</pre>
 *
 * @param <T> value type
 */
public final class DecodedSplitter<T> extends ProcessFunction<Decoded<T>, T>
        implements ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    /** Side output of the records that could not be used. */
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters", DeadLetterRecord.typeInfo());

    private final TypeInformation<T> valueType;

    public DecodedSplitter(TypeInformation<T> valueType) {
        this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    @Override
    public void processElement(Decoded<T> decoded, Context ctx, Collector<T> out) {
        if (decoded.isDeadLetter()) {
            ctx.output(DEAD_LETTERS, decoded.deadLetter());
        } else {
            out.collect(decoded.value());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return valueType;
    }
}
