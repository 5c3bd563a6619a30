package io.edgesplit.job;

import io.edgesplit.avro.Decision;
import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.avro.InferenceResult;
import io.edgesplit.job.config.ConfigLoader;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.config.EdgeJobOptions;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.job.mapping.AvroMapping;
import io.edgesplit.job.pipeline.PipelineJobMain;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.KafkaAccess;
import io.edgesplit.kafka.client.KafkaClientProperties;
import io.edgesplit.kafka.client.KafkaClusters;
import io.edgesplit.kafka.sink.AvroKafkaSink;
import io.edgesplit.kafka.source.AvroKafkaSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;

/**
 * Entry point of the job jar ({@code flink run edgesplit-job.jar --bootstrap HOST:PORT [-D
 * key=value ...]}) and of {@code edgesplit job}: parses the options, wires Kafka sources and sinks
 * around {@link EdgeJob#build} and submits.
 */
public final class EdgeJobMain {

    /** Job name shown in the Flink UI. */
    public static final String JOB_NAME = "edgesplit edge job";

    private EdgeJobMain() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = withJobDefaults(JobArguments.parse(args));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        boolean pipeline = conf.getOptional(EdgeJobOptions.PLAN).isPresent();
        if (pipeline) {
            PipelineJobMain.wire(env, conf);
        } else {
            wire(env, conf);
        }
        requireAccess(conf);
        JobExecutionResult result = env.execute(pipeline ? PipelineJobMain.JOB_NAME : JOB_NAME);
        // detached submissions (flink run -d, REST) return before the job ends
        if (result.isJobExecutionResult()) {
            System.out.println("edgesplit job finished after " + result.getNetRuntime() + " ms");
        }
    }

    /**
     * Fails before submission when Kafka refuses this job's credentials or an ACL it needs: the
     * sources and sinks would otherwise fail and restart without end on the cluster.
     */
    static void requireAccess(Configuration conf) {
        String bootstrap = conf.get(KafkaOptions.BOOTSTRAP_SERVERS);
        KafkaClientProperties client = KafkaClientProperties.fromConfig(conf);
        try (Admin admin = KafkaClusters.admin(bootstrap, client, "edgesplit-job-check")) {
            KafkaAccess.require(
                    admin, bootstrap, client, KafkaAccess.forJob(conf, Optional.empty()));
        }
    }

    /**
     * The job's defaults for Flink settings the user did not set: checkpoints every {@link
     * EdgeJobOptions#CHECKPOINT_INTERVAL} (exactly-once results are committed on checkpoints) to a
     * file system (frames in flight make state larger than the JobManager's in-memory limit of 5
     * MB; the default directory is local, so set execution.checkpointing.dir to shared storage on a
     * multi-host cluster), and no generic (Kryo) types. Create the execution environment from the
     * returned configuration.
     */
    public static Configuration withJobDefaults(Configuration conf) {
        Configuration c = new Configuration(conf);
        if (c.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).isEmpty()) {
            c.set(
                    CheckpointingOptions.CHECKPOINTING_INTERVAL,
                    c.get(EdgeJobOptions.CHECKPOINT_INTERVAL));
        }
        if (c.getOptional(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE).isEmpty()) {
            c.set(
                    CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                    CheckpointingMode.EXACTLY_ONCE);
        }
        if (c.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "edgesplit-checkpoints");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        }
        if (c.getOptional(CheckpointingOptions.CHECKPOINT_STORAGE).isEmpty()) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        }
        c.set(PipelineOptions.GENERIC_TYPES, false);
        return c;
    }

    /**
     * Parses the configuration and builds the Kafka-connected topology on {@code env}: Kafka
     * sources for telemetry, frames and profiles, the job, exactly-once Kafka sinks for results,
     * decisions and dead letters. Applies {@link #withJobDefaults} to the environment (create the
     * environment from that configuration too, so checkpoint storage is set before it starts).
     *
     * @return the parsed job configuration
     */
    public static EdgeJobConfig wire(StreamExecutionEnvironment env, Configuration conf) {
        if (conf.getOptional(KafkaOptions.BOOTSTRAP_SERVERS).isEmpty()) {
            throw new IllegalArgumentException(
                    "no Kafka cluster given: pass --bootstrap HOST:PORT (or -D "
                            + KafkaOptions.BOOTSTRAP_SERVERS.key()
                            + "=...)");
        }
        EdgeJobConfig config = ConfigLoader.load(conf);
        env.configure(withJobDefaults(conf));

        EdgeJob.build(kafkaSources(env, conf, config), kafkaSinks(conf), config);
        return config;
    }

    /** The job's Kafka sources (telemetry, frames, profiles) with their watermarks and uids. */
    public static EdgeJob.Sources kafkaSources(
            StreamExecutionEnvironment env, Configuration conf, EdgeJobConfig config) {
        EdgesplitTopics topics = EdgesplitTopics.fromConfig(conf);
        Set<String> deviceTypes = ConfigLoader.deviceTypes(config);
        KafkaSource<Decoded<Telemetry>> telemetrySource =
                AvroKafkaSource.builder(
                                DeviceTelemetry.class,
                                a -> AvroMapping.telemetry(a, deviceTypes),
                                TypeInformation.of(Telemetry.class))
                        .applyOptions(conf)
                        .setTopic(topics.telemetry())
                        .build();
        KafkaSource<Decoded<FrameIn>> frameSource =
                AvroKafkaSource.builder(
                                Frame.class, AvroMapping::frame, TypeInformation.of(FrameIn.class))
                        .applyOptions(conf)
                        .setTopic(topics.frames())
                        .build();
        KafkaSource<Decoded<ProfileUpdate>> profileSource =
                AvroKafkaSource.builder(
                                io.edgesplit.avro.ModelProfile.class,
                                AvroMapping::profile,
                                TypeInformation.of(ProfileUpdate.class))
                        .applyOptions(conf)
                        .setTopic(topics.profiles())
                        .build();

        DataStream<Decoded<Telemetry>> telemetry =
                env.fromSource(
                                telemetrySource,
                                EdgeJob.eventTimeWatermarks(config, Telemetry::eventTime),
                                "telemetry")
                        .uid("telemetry-source");
        DataStream<Decoded<FrameIn>> frames =
                env.fromSource(
                                frameSource,
                                EdgeJob.eventTimeWatermarks(config, FrameIn::captureTime),
                                "frames")
                        .uid("frames-source");
        DataStream<Decoded<ProfileUpdate>> profiles =
                env.fromSource(
                                profileSource,
                                EdgeJob.<Decoded<ProfileUpdate>>timelessWatermarks(),
                                "profiles")
                        .uid("profiles-source")
                        .setParallelism(1);

        return new EdgeJob.Sources(telemetry, frames, profiles);
    }

    /** Exactly-once (by default) Kafka sinks for results, decisions and dead letters. */
    public static EdgeJob.Sinks kafkaSinks(Configuration conf) {
        EdgesplitTopics topics = EdgesplitTopics.fromConfig(conf);
        return new EdgeJob.Sinks(
                AvroKafkaSink.<ResultRecord, InferenceResult>builder(
                                InferenceResult.class, AvroMapping::result)
                        .applyOptions(conf)
                        .setTopic(topics.results())
                        .setKeyExtractor(ResultRecord::deviceId)
                        .build(),
                AvroKafkaSink.<DecisionRecord, Decision>builder(
                                Decision.class, AvroMapping::decision)
                        .applyOptions(conf)
                        .setTopic(topics.decisions())
                        .setKeyExtractor(DecisionRecord::deviceId)
                        .build(),
                AvroKafkaSink.deadLetters()
                        .applyOptions(conf)
                        .setTopic(topics.deadLetters())
                        .build());
    }
}
