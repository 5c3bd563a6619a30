package io.edgesplit.e2e.smoke;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.ParameterTool;

/**
 * A tiny streaming job that the standalone-cluster ITCase submits as a jar: a rate-limited number
 * source, a map that counts records and samples values into a histogram in the metric group {@value
 * #METRIC_GROUP} (as the edge job's operators do), and a discarding sink. Checkpoints every second.
 * {@code --records N} ends the job after N numbers; without it the job runs until cancelled. {@code
 * --rate R} limits the source to R records per second (all subtasks together).
 */
public final class SmokeJob {

    /** Name of the job in Flink. */
    public static final String JOB_NAME = "edgesplit-e2e-smoke";

    /** Metric group of the map operator's metrics, the same as the edge job's. */
    public static final String METRIC_GROUP = "edgesplit";

    /** Counter of records through the map. */
    public static final String RECORDS_METRIC = "smokeRecords";

    /** Histogram of the values through the map. */
    public static final String VALUE_METRIC = "smokeValue";

    /** Name (and uid) of the map operator. */
    public static final String MAP_OPERATOR = "metered";

    private SmokeJob() {}

    /** Builds and runs the job on the environment of the cluster it was submitted to. */
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        long records = params.getLong("records", Long.MAX_VALUE);
        double rate = params.getDouble("rate", 50);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1000);
        build(env, records, rate);
        env.execute(JOB_NAME);
    }

    static void build(StreamExecutionEnvironment env, long records, double rate) {
        DataGeneratorSource<Long> numbers =
                new DataGeneratorSource<>(
                        index -> index, records, RateLimiterStrategy.perSecond(rate), Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers")
                .uid("numbers")
                .map(new MeteredIdentity())
                .name(MAP_OPERATOR)
                .uid(MAP_OPERATOR)
                .sinkTo(new DiscardingSink<>())
                .name("discard")
                .uid("discard");
    }

    /** Passes numbers through, counting them and sampling them into a histogram. */
    static final class MeteredIdentity extends RichMapFunction<Long, Long> {

        private static final long serialVersionUID = 1L;
        private static final int HISTOGRAM_WINDOW = 1024;

        private transient Counter records;
        private transient Histogram values;

        @Override
        public void open(OpenContext openContext) {
            MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(METRIC_GROUP);
            records = group.counter(RECORDS_METRIC);
            values =
                    group.histogram(
                            VALUE_METRIC, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        }

        @Override
        public Long map(Long value) {
            records.inc();
            values.update(value % 100);
            return value;
        }
    }
}
