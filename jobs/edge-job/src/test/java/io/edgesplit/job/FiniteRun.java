package io.edgesplit.job;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.DecisionRecord;
import io.edgesplit.job.events.FrameIn;
import io.edgesplit.job.events.ProfileUpdate;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.Telemetry;
import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The whole topology over finite inputs on the test's MiniCluster (no Kafka): the inputs are
 * shuffled with a seed, tiny-chain's profile arrives on the profiles stream, and everything the job
 * emits is collected.
 */
record FiniteRun(
        List<ResultRecord> results,
        List<DecisionRecord> decisions,
        List<DeadLetterRecord> deadLetters) {

    static FiniteRun run(
            EdgeJobConfig config,
            List<Decoded<Telemetry>> telemetryIn,
            List<Decoded<FrameIn>> framesIn,
            long shuffleSeed)
            throws Exception {
        return run(config, Fixtures.profile(), telemetryIn, framesIn, shuffleSeed);
    }

    /** The same with {@code profile} on the profiles stream (a model other than tiny-chain). */
    static FiniteRun run(
            EdgeJobConfig config,
            ModelProfile profile,
            List<Decoded<Telemetry>> telemetryIn,
            List<Decoded<FrameIn>> framesIn,
            long shuffleSeed)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(c);
        env.setParallelism(2);

        List<Decoded<Telemetry>> telemetry = new ArrayList<>(telemetryIn);
        List<Decoded<FrameIn>> frames = new ArrayList<>(framesIn);
        Collections.shuffle(telemetry, new Random(shuffleSeed));
        Collections.shuffle(frames, new Random(shuffleSeed + 1));
        DataStream<Decoded<Telemetry>> t =
                env.fromData(telemetry, Decoded.typeInfo(TypeInformation.of(Telemetry.class)))
                        .assignTimestampsAndWatermarks(
                                EdgeJob.eventTimeWatermarks(config, Telemetry::eventTime));
        DataStream<Decoded<FrameIn>> f =
                env.fromData(frames, Decoded.typeInfo(TypeInformation.of(FrameIn.class)))
                        .assignTimestampsAndWatermarks(
                                EdgeJob.eventTimeWatermarks(config, FrameIn::captureTime));
        DataStream<Decoded<ProfileUpdate>> p =
                env.fromData(
                                List.of(
                                        Decoded.ofValue(
                                                new ProfileUpdate(
                                                        profile.modelId(),
                                                        ModelProfileJson.toJson(profile)))),
                                Decoded.typeInfo(TypeInformation.of(ProfileUpdate.class)))
                        .assignTimestampsAndWatermarks(EdgeJob.timelessWatermarks());

        EdgeJob.Outputs out = EdgeJob.build(new EdgeJob.Sources(t, f, p), config);
        try (CloseableIterator<ResultRecord> results = out.results().collectAsync();
                CloseableIterator<DecisionRecord> decisions = out.decisions().collectAsync();
                CloseableIterator<DeadLetterRecord> dead = out.deadLetters().collectAsync()) {
            env.execute("edge job test");
            List<ResultRecord> r = new ArrayList<>();
            results.forEachRemaining(r::add);
            List<DecisionRecord> d = new ArrayList<>();
            decisions.forEachRemaining(d::add);
            List<DeadLetterRecord> x = new ArrayList<>();
            dead.forEachRemaining(x::add);
            return new FiniteRun(r, d, x);
        }
    }
}
