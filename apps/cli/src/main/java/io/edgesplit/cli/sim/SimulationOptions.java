package io.edgesplit.cli.sim;

import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.sim.SimulationSpec;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.core.trace.TraceFormat;
import io.edgesplit.core.trace.Traces;
import io.edgesplit.core.util.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parse helpers for the {@code edgesplit simulate} command line: each turns one option's text into
 * what {@link SimulationSpec.Builder} takes, failing in one line that names the option.
 */
public final class SimulationOptions {

    private SimulationOptions() {}

    /** {@code --policy P,...} (or "all"). */
    public static List<String> parsePolicies(String text) {
        try {
            return Policies.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--policy: " + e.getMessage(), e);
        }
    }

    /** {@code --V v,...}: numbers ≥ 0, e.g. "0.1,1,10,1e3". */
    public static List<Double> parseVs(String text) {
        List<Double> vs = Values.parseDoubleList(text, "--V");
        for (double v : vs) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(
                        "--V: values must be finite numbers >= 0, got " + Values.format(v));
            }
        }
        return vs;
    }

    /** {@code --trace-format F}: a format name, or "auto"/null for detection (returns null). */
    public static TraceFormat parseTraceFormat(String text) {
        try {
            return TraceFormat.fromName(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trace-format: " + e.getMessage(), e);
        }
    }

    /**
     * {@code --trace FILE...}: each argument is a file (read in {@code format}, or detected when
     * null) or a generator spec such as {@code ge:good=10M,bad=1M}; see {@link Traces#load}.
     */
    public static List<BandwidthTrace> loadTraces(List<String> args, TraceFormat format) {
        if (args == null || args.isEmpty()) {
            throw new IllegalArgumentException("--trace: give at least one trace");
        }
        List<BandwidthTrace> out = new ArrayList<>();
        for (String a : args) {
            out.add(Traces.load(a, format, (Path) null));
        }
        return out;
    }
}
