package io.edgesplit.job.functions;

import io.edgesplit.job.config.EdgeJobConfig;
import io.edgesplit.job.events.ResultRecord;
import io.edgesplit.job.events.TailWork;
import io.edgesplit.job.events.TensorPayload;
import io.edgesplit.job.inference.InferenceSessions;
import io.edgesplit.job.inference.RunnerSettings;
import io.edgesplit.job.inference.Tensors;
import io.edgesplit.job.metrics.EdgeMetrics;
import io.edgesplit.onnx.runtime.ModelRunner;
import io.edgesplit.onnx.runtime.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs the tail on ONNX Runtime, keyed by (model, cut) so frames that share a tail sub-model are
 * micro-batched: a batch runs when it reaches the batch size or when its oldest frame has waited
 * the batch timeout (processing time). The buffer is keyed state, so a checkpoint holds it and a
 * restart neither loses nor repeats a frame. A failed run fails its frames with the reason.
 */
public class TailInferenceFunction extends KeyedProcessFunction<String, TailWork, ResultRecord> {

    private static final long serialVersionUID = 1L;

    /** Event time of the final watermark of a bounded input. */
    static final long END_OF_INPUT = Long.MAX_VALUE;

    private final EdgeJobConfig config;

    private transient ListState<TailWork> buffer;
    private transient ValueState<Integer> buffered;
    private transient ValueState<Long> timer;
    private transient InferenceSessions sessions;
    private transient String provider;

    private transient Counter framesOut;
    private transient Histogram tailMs;
    private transient Histogram e2eMs;
    private transient Histogram batchSizes;
    private transient Histogram batchWaitMs;

    public TailInferenceFunction(EdgeJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "tail-batch", TypeInformation.of(TailWork.class)));
        buffered =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("tail-batch-size", Types.INT));
        timer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("tail-batch-timer", Types.LONG));
        sessions = new InferenceSessions(config, RunnerSettings.edge(config, getRuntimeContext()));

        MetricGroup g = EdgeMetrics.group(getRuntimeContext());
        framesOut = g.counter(EdgeMetrics.FRAMES_OUT);
        g.meter(EdgeMetrics.FRAMES_OUT_RATE, new MeterView(framesOut));
        tailMs = EdgeMetrics.histogram(g, EdgeMetrics.TAIL_LATENCY_MS);
        e2eMs = EdgeMetrics.histogram(g, EdgeMetrics.END_TO_END_MS);
        batchSizes = EdgeMetrics.histogram(g, EdgeMetrics.BATCH_SIZE);
        batchWaitMs = EdgeMetrics.histogram(g, EdgeMetrics.BATCH_WAIT_MS);
    }

    @Override
    public void processElement(TailWork work, Context ctx, Collector<ResultRecord> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        TailWork item = work.bufferedAt(now);
        Integer before = buffered.value();
        int n = (before == null ? 0 : before) + 1;
        if (n >= config.batchSize()) {
            // the frame that fills the batch runs with it without a round trip through the state
            flush(ctx.getCurrentKey(), item, ctx, out);
            return;
        }
        buffer.add(item);
        buffered.update(n);
        if (timer.value() == null) {
            long at = now + config.batchTimeoutMs();
            timer.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
            // a bounded input (a test, a bounded replay) ends with the final watermark but fires
            // no processing-time timers: flush on end of input too
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<ResultRecord> out) throws Exception {
        flush(ctx.getCurrentKey(), null, ctx, out);
    }

    /** Runs the buffered frames, then {@code last} if not null, and clears the buffer. */
    private void flush(String key, TailWork last, Context ctx, Collector<ResultRecord> out)
            throws Exception {
        List<TailWork> batch = new ArrayList<>();
        for (TailWork w : buffer.get()) {
            batch.add(w);
        }
        if (last != null) {
            batch.add(last);
        }
        buffer.clear();
        buffered.clear();
        Long pendingTimer = timer.value();
        if (pendingTimer != null) {
            ctx.timerService().deleteProcessingTimeTimer(pendingTimer);
            ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
            timer.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        TailWork first = batch.get(0);
        ModelRunner runner;
        try {
            runner = sessions.tail(first.work().frame().modelId(), first.work().cut());
        } catch (RuntimeException e) {
            failAll(batch, "cannot open the tail of " + key + ": " + e.getMessage(), out);
            return;
        }
        int max = Math.max(runner.maxBatch(), 1);
        for (int from = 0; from < batch.size(); from += max) {
            run(runner, batch.subList(from, Math.min(batch.size(), from + max)), ctx, out);
        }
    }

    private void run(
            ModelRunner runner, List<TailWork> batch, Context ctx, Collector<ResultRecord> out) {
        long start = System.nanoTime();
        Tensors.Top1[] tops;
        try {
            List<TensorPayload[]> items = new ArrayList<>(batch.size());
            for (TailWork w : batch) {
                items.add(w.activation());
            }
            List<TensorData> outputs = runner.run(Tensors.stack(runner.inputs(), items));
            tops = Tensors.top1(outputs.get(0));
        } catch (RuntimeException e) {
            failAll(
                    batch,
                    "tail inference failed at cut "
                            + batch.get(0).work().cut()
                            + ": "
                            + e.getMessage(),
                    out);
            return;
        }
        long end = System.nanoTime();
        double runMs = (end - start) / 1e6;
        long nowMs = ctx.timerService().currentProcessingTime();
        if (provider == null) {
            provider = runner.providerInUse().name().toLowerCase(Locale.ROOT);
        }
        batchSizes.update(batch.size());
        tailMs.update(Math.round(runMs));
        for (int i = 0; i < batch.size(); i++) {
            TailWork w = batch.get(i);
            double waitMs = Math.max(0, nowMs - w.bufferedAtMs() - runMs);
            batchWaitMs.update(Math.round(waitMs));
            ResultRecord r =
                    ResultRecord.ok(
                            w.work(),
                            tops[i].index(),
                            tops[i].score(),
                            waitMs + runMs,
                            batch.size(),
                            provider);
            e2eMs.update(Math.round(r.endToEndMs()));
            framesOut.inc();
            out.collect(r);
        }
    }

    private void failAll(List<TailWork> batch, String reason, Collector<ResultRecord> out) {
        for (TailWork w : batch) {
            out.collect(ResultRecord.failed(w.work(), reason));
        }
    }

    @Override
    public void close() throws Exception {
        if (sessions != null) {
            sessions.close();
        }
        super.close();
    }
}
