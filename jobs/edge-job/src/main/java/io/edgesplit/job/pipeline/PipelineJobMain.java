package io.edgesplit.job.pipeline;

import io.edgesplit.avro.Frame;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.job.EdgeJobMain;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.mapping.AvroMapping;
import io.edgesplit.job.mapping.PipelineMapping;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.sink.AvroKafkaSink;
import io.edgesplit.kafka.source.AvroKafkaSource;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the pipeline job ({@code edgesplit job --plan FILE}, or the job jar with {@code -D
 * edgesplit.job.plan=FILE}) to Kafka: the frames topic in (Avro, dead letters aside), the plan's
 * stages, exactly-once results and dead letters out.
 */
public final class PipelineJobMain {

    /** Job name shown in the Flink UI. */
    public static final String JOB_NAME = "edgesplit pipeline job";

    private PipelineJobMain() {}

    /**
     * Reads the plan named by {@link EdgeJobOptions#PLAN}, checks it against its model (one line
     * and an exception when they do not fit) and builds the Kafka-connected topology on {@code
     * env}. Applies {@link EdgeJobMain#withJobDefaults}.
     *
     * @return the job's settings
     */
    public static PipelineJob.Settings wire(StreamExecutionEnvironment env, Configuration conf) {
        if (conf.getOptional(KafkaOptions.BOOTSTRAP_SERVERS).isEmpty()) {
            throw new IllegalArgumentException(
                    "no Kafka cluster given: pass --bootstrap HOST:PORT (or -D "
                            + KafkaOptions.BOOTSTRAP_SERVERS.key()
                            + "=...)");
        }
        PipelineJob.Settings settings = settings(conf);
        env.configure(EdgeJobMain.withJobDefaults(conf));
        EdgesplitTopics topics = EdgesplitTopics.fromConfig(conf);
        DataStream<Decoded<FrameIn>> frames =
                env.fromSource(
                                AvroKafkaSource.builder(
                                                Frame.class,
                                                AvroMapping::frame,
                                                TypeInformation.of(FrameIn.class))
                                        .applyOptions(conf)
                                        .setTopic(topics.frames())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "frames")
                        .uid("frames-source");
        PipelineJob.build(
                frames,
                AvroKafkaSink.<PipelineResult, InferenceResult>builder(
                                InferenceResult.class, PipelineMapping::result)
                        .applyOptions(conf)
                        .setTopic(topics.results())
                        .setKeyExtractor(PipelineResult::deviceId)
                        .build(),
                AvroKafkaSink.deadLetters()
                        .applyOptions(conf)
                        .setTopic(topics.deadLetters())
                        .build(),
                settings);
        return settings;
    }

    /**
     * The plan file's plan, its model's source (an {@code edgesplit.job.models} entry with the
     * plan's model id, else the id as a built-in name) and the ORT threads, checked: the model is
     * split at the plan's stages once here, so a plan of another model fails before submission.
     */
    public static PipelineJob.Settings settings(Configuration conf) {
        String file =
                conf.getOptional(EdgeJobOptions.PLAN)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no plan given: pass --plan FILE (or -D "
                                                        + EdgeJobOptions.PLAN.key()
                                                        + "=FILE)"));
        PipelinePlan plan = PipelinePlan.read(Path.of(file));
        EdgeJobConfig config = ConfigLoader.load(conf);
        String source = config.models().getOrDefault(plan.modelId(), plan.modelId());
        PipelineModel.split(source, plan);
        return new PipelineJob.Settings(plan, source, config.threads());
    }
}
