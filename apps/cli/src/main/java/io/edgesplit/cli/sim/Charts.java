package io.edgesplit.cli.sim;

import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.sim.RunSummary;
import io.edgesplit.core.sim.SimulationReport;
import io.edgesplit.core.sim.SimulationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The simulator's PNG plots (XChart). Package-private: used by {@link SimulationReport}. */
public final class Charts {

    public static final int WIDTH = 820;
    public static final int HEIGHT = 520;

    private Charts() {}

    /** Writes the plots; returns the files written. */
    public static List<Path> writeAll(SimulationResult result, Path dir) {
        List<RunSummary> runs = result.summaries();
        List<Path> out = new ArrayList<>();
        String title = result.spec().name();
        boolean anyV = runs.stream().anyMatch(r -> !Double.isNaN(r.v()));
        if (anyV) {
            out.add(
                    vsV(
                            runs,
                            title + ": device energy per processed frame",
                            "J per frame (compute + radio, idle included)",
                            RunSummary::joulesPerFrame,
                            true,
                            dir.resolve("energy_per_frame_vs_v.png")));
            out.add(
                    vsV(
                            runs,
                            title + ": 95th percentile end-to-end latency",
                            "p95 latency (s)",
                            RunSummary::latencyP95S,
                            true,
                            dir.resolve("latency_vs_v.png")));
            out.add(
                    vsV(
                            runs,
                            title + ": mean backlog per device (Qc + Qn/rho)",
                            "backlog (s)",
                            RunSummary::meanBacklogSeconds,
                            true,
                            dir.resolve("backlog_vs_v.png")));
            out.add(
                    vsV(
                            runs,
                            title + ": processed frames per second (all devices)",
                            "frames/s",
                            RunSummary::throughputFps,
                            false,
                            dir.resolve("throughput_vs_v.png")));
        }
        out.add(tradeoff(runs, title, dir.resolve("energy_latency_tradeoff.png")));
        return out;
    }

    private static Path vsV(
            List<RunSummary> runs,
            String title,
            String yTitle,
            ToDoubleFunction<RunSummary> y,
            boolean logY,
            Path file) {
        double minV = Double.POSITIVE_INFINITY;
        double maxV = 0;
        for (RunSummary r : runs) {
            if (!Double.isNaN(r.v())) {
                minV = Math.min(minV, r.v());
                maxV = Math.max(maxV, r.v());
            }
        }
        boolean logX = minV > 0 && maxV > minV;
        XYChart chart = chart(title, "V", yTitle);
        chart.getStyler().setXAxisLogarithmic(logX);
        boolean positive = true;
        for (Map.Entry<String, List<RunSummary>> e : byPolicy(runs).entrySet()) {
            List<RunSummary> list = e.getValue();
            List<double[]> pts = new ArrayList<>();
            if (Policies.usesV(e.getKey())) {
                for (RunSummary r : list) {
                    pts.add(new double[] {r.v(), y.applyAsDouble(r)});
                }
            } else {
                double val = y.applyAsDouble(list.get(0));
                pts.add(new double[] {minV, val});
                if (maxV > minV) {
                    pts.add(new double[] {maxV, val});
                }
            }
            pts.removeIf(p -> !Double.isFinite(p[1]));
            if (pts.isEmpty()) {
                continue;
            }
            positive &= pts.stream().allMatch(p -> p[1] > 0);
            XYSeries s = chart.addSeries(e.getKey(), xs(pts), ys(pts));
            if (!Policies.usesV(e.getKey())) {
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(SeriesLines.DASH_DASH);
            } else {
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        chart.getStyler().setYAxisLogarithmic(logY && positive);
        return save(chart, file);
    }

    private static Path tradeoff(List<RunSummary> runs, String title, Path file) {
        XYChart chart =
                chart(
                        title + ": energy vs latency (each V a point on the Lyapunov curves)",
                        "p95 end-to-end latency (s)",
                        "J per processed frame");
        boolean positive = true;
        boolean positiveY = true;
        for (Map.Entry<String, List<RunSummary>> e : byPolicy(runs).entrySet()) {
            List<double[]> pts = new ArrayList<>();
            for (RunSummary r : e.getValue()) {
                pts.add(new double[] {r.latencyP95S(), r.joulesPerFrame()});
            }
            pts.removeIf(p -> !Double.isFinite(p[0]) || !Double.isFinite(p[1]));
            if (pts.isEmpty()) {
                continue;
            }
            positive &= pts.stream().allMatch(p -> p[0] > 0);
            positiveY &= pts.stream().allMatch(p -> p[1] > 0);
            XYSeries s = chart.addSeries(e.getKey(), xs(pts), ys(pts));
            s.setMarker(SeriesMarkers.CIRCLE);
            if (pts.size() == 1) {
                s.setLineStyle(SeriesLines.NONE);
            }
        }
        chart.getStyler().setXAxisLogarithmic(positive);
        chart.getStyler().setYAxisLogarithmic(positiveY);
        return save(chart, file);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(x)
                        .yAxisTitle(y)
                        .build();
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setPlotGridLinesVisible(true);
        st.setYAxisLogarithmicDecadeOnly(false);
        return chart;
    }

    private static Map<String, List<RunSummary>> byPolicy(List<RunSummary> runs) {
        Map<String, List<RunSummary>> m = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            m.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    private static double[] xs(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[0]).toArray();
    }

    private static double[] ys(List<double[]> pts) {
        return pts.stream().mapToDouble(p -> p[1]).toArray();
    }

    private static Path save(XYChart chart, Path file) {
        try {
            Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }
}
