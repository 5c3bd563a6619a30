package io.edgesplit.core.trace;

import io.edgesplit.core.util.Values;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a trace argument into a {@link BandwidthTrace}: either a file (format given or detected) or
 * a generator spec. Generator specs (rates take k/M/G suffixes, durations are seconds):
 *
 * <ul>
 *   <li>{@code const:10M}
 *   <li>{@code step:10M@30,2M@30} (rate@seconds, looping)
 *   <li>{@code ge:good=10M,bad=1M,pgb=0.05,pbg=0.2,step=1,duration=600,seed=1} (Gilbert-Elliott;
 *       defaults: pgb 0.05, pbg 0.2, step 1, duration 3600, seed 1)
 *   <li>{@code walk:start=8M,sigma=1M,min=0.5M,max=20M,step=1,duration=600,seed=1} (random walk;
 *       defaults: step 1, duration 3600, seed 1)
 * </ul>
 */
public final class Traces {

    private static final List<String> GENERATORS = List.of("const", "step", "ge", "walk");

    private Traces() {}

    /** The generator prefixes understood by {@link #load}. */
    public static List<String> generatorNames() {
        return GENERATORS;
    }

    /**
     * Loads a trace from a generator spec or a file.
     *
     * @param spec generator spec or file path
     * @param format file format, or null to detect it (ignored for generators)
     * @param baseDir directory relative file paths are resolved against (null: working dir)
     */
    public static BandwidthTrace load(String spec, TraceFormat format, Path baseDir) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty trace argument: give a file or a generator");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        if (colon > 0) {
            String kind = s.substring(0, colon).toLowerCase(Locale.ROOT);
            String args = s.substring(colon + 1);
            switch (kind) {
                case "const", "constant":
                    return SyntheticTraces.constant(Values.parseDouble(args, "trace " + s));
                case "step":
                    return step(s, args);
                case "ge", "gilbert-elliott":
                    return gilbertElliott(s, args);
                case "walk", "random-walk":
                    return randomWalk(s, args);
                default:
                    break;
            }
        }
        Path p = Path.of(s);
        if (baseDir != null && !p.isAbsolute()) {
            p = baseDir.resolve(p);
        }
        if (!java.nio.file.Files.exists(p)) {
            throw new IllegalArgumentException(
                    "trace '"
                            + spec
                            + "' is neither an existing file nor a generator ("
                            + "const:RATE, step:RATE@S,..., ge:good=..,bad=.., walk:start=..,sigma=..,"
                            + "min=..,max=..)");
        }
        return TraceFormat.read(p, format);
    }

    private static BandwidthTrace step(String spec, String args) {
        List<String> parts = Values.splitList(args, "trace " + spec);
        double[] bps = new double[parts.size()];
        double[] secs = new double[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            String[] rs = parts.get(i).split("@");
            if (rs.length != 2) {
                throw new IllegalArgumentException(
                        "trace " + spec + ": step '" + parts.get(i) + "' must be RATE@SECONDS");
            }
            bps[i] = Values.parseDouble(rs[0], "trace " + spec);
            secs[i] = Values.parseDouble(rs[1], "trace " + spec);
        }
        return SyntheticTraces.step(bps, secs);
    }

    private static BandwidthTrace gilbertElliott(String spec, String args) {
        Map<String, String> kv =
                keyValues(
                        spec,
                        args,
                        Set.of("good", "bad", "pgb", "pbg", "step", "duration", "seed"));
        return SyntheticTraces.gilbertElliott(
                required(kv, "good", spec),
                required(kv, "bad", spec),
                optional(kv, "pgb", 0.05, spec),
                optional(kv, "pbg", 0.2, spec),
                optional(kv, "step", 1.0, spec),
                optional(kv, "duration", 3600.0, spec),
                (long) optional(kv, "seed", 1.0, spec));
    }

    private static BandwidthTrace randomWalk(String spec, String args) {
        Map<String, String> kv =
                keyValues(
                        spec,
                        args,
                        Set.of("start", "sigma", "min", "max", "step", "duration", "seed"));
        return SyntheticTraces.randomWalk(
                required(kv, "start", spec),
                required(kv, "sigma", spec),
                required(kv, "min", spec),
                required(kv, "max", spec),
                optional(kv, "step", 1.0, spec),
                optional(kv, "duration", 3600.0, spec),
                (long) optional(kv, "seed", 1.0, spec));
    }

    private static Map<String, String> keyValues(String spec, String args, Set<String> allowed) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : Values.splitList(args, "trace " + spec)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "trace " + spec + ": '" + part + "' must be key=value");
            }
            String k = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(
                        "trace "
                                + spec
                                + ": unknown key '"
                                + k
                                + "' (valid: "
                                + new java.util.TreeSet<>(allowed)
                                + ")");
            }
            kv.put(k, part.substring(eq + 1).strip());
        }
        return kv;
    }

    private static double required(Map<String, String> kv, String key, String spec) {
        String v = kv.get(key);
        if (v == null) {
            throw new IllegalArgumentException("trace " + spec + ": missing " + key + "=...");
        }
        return Values.parseDouble(v, "trace " + spec + " " + key);
    }

    private static double optional(Map<String, String> kv, String key, double def, String spec) {
        String v = kv.get(key);
        return v == null ? def : Values.parseDouble(v, "trace " + spec + " " + key);
    }
}
