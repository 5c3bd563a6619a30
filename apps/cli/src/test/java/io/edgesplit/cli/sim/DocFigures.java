package io.edgesplit.cli.sim;

import io.edgesplit.core.controller.ControllerConfig;
import io.edgesplit.core.controller.Policies;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.core.sim.ArrivalProcess;
import io.edgesplit.core.sim.DeviceGroup;
import io.edgesplit.core.sim.LyapunovTheoryTest;
import io.edgesplit.core.sim.MacDerivedProfiles;
import io.edgesplit.core.sim.RunSummary;
import io.edgesplit.core.sim.Scenarios;
import io.edgesplit.core.sim.SimulationListener;
import io.edgesplit.core.sim.SimulationReport;
import io.edgesplit.core.sim.SimulationSpec;
import io.edgesplit.core.sim.Simulator;
import io.edgesplit.core.sim.TraceFixtures;
import io.edgesplit.core.trace.TraceFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Regenerates everything docs/controller.md shows: the MAC-derived model profiles and trace
 * fixtures under docs/scenarios/, every docs/scenarios/*.yaml simulation (reports under
 * jobs/core/target/doc-sim/, selected plots copied to docs/img/), the η = 0 comparison and the
 * Lyapunov V sweep. Prints the summaries. Deterministic.
 *
 * <pre>
 * mvn -q -pl apps/cli -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp apps/cli/target/test-classes:apps/cli/target/classes:$(cat apps/cli/target/test.classpath) \
 *     io.edgesplit.cli.sim.DocFigures
 * </pre>
 *
 * An optional argument names the repository root; by default it is the nearest directory at or
 * above the working directory that has docs/scenarios.
 */
public final class DocFigures {

    private static final List<String> PLOTS =
            List.of(
                    "energy_latency_tradeoff",
                    "energy_per_frame_vs_v",
                    "latency_vs_v",
                    "throughput_vs_v");

    private DocFigures() {}

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : findRoot(Path.of("").toAbsolutePath());
        root = root.toAbsolutePath().normalize();
        Path scenarios = root.resolve("docs/scenarios");
        Path img = root.resolve("docs/img");
        Path work = root.resolve("jobs/core/target/doc-sim");
        if (!Files.isDirectory(scenarios)) {
            throw new IllegalArgumentException(
                    scenarios + " does not exist: pass the repository root as the argument");
        }
        Files.createDirectories(scenarios.resolve("profiles"));
        Files.createDirectories(scenarios.resolve("traces"));
        Files.createDirectories(img);
        ModelProfileJson.write(
                MacDerivedProfiles.resnet18(), scenarios.resolve("profiles/resnet18-macs.json"));
        ModelProfileJson.write(
                MacDerivedProfiles.vgg16(), scenarios.resolve("profiles/vgg16-macs.json"));
        Path ucc = scenarios.resolve("traces/ucc-lte-uplink-synthetic.csv");
        Path norway = scenarios.resolve("traces/norway-3g-synthetic.log");
        Files.write(ucc, TraceFixtures.uccLteUplink());
        Files.write(norway, TraceFixtures.norway3g());
        System.out.println("fixtures: " + TraceFormat.read(ucc) + "; " + TraceFormat.read(norway));

        List<Path> files;
        try (Stream<Path> s = Files.list(scenarios)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            // section 6 documents the controller without a latency bound; section 9 the default
            SimulationSpec spec = Scenarios.load(f).latencyBound(Double.POSITIVE_INFINITY).build();
            Path out = work.resolve(spec.name());
            String summary =
                    SimulationReport.write(Simulator.run(spec, SimulationListener.NONE), out);
            System.out.println("\n=== " + f.getFileName() + "\n" + summary);
            for (String plot : PLOTS) {
                Path png = out.resolve(plot + ".png");
                if (Files.exists(png)) {
                    Files.copy(
                            png,
                            img.resolve("controller-" + spec.name() + "-" + plot + ".png"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (spec.name().equals("norway-3g-nano-vgg16")) {
                SimulationSpec highRho =
                        spec.toBuilder()
                                .policies(List.of(Policies.CUTEDGE))
                                .controller(
                                        spec.controller().toBuilder()
                                                .uplinkReferenceBps(1e7)
                                                .build())
                                .build();
                System.out.println(
                        "--- same scenario, cutedge with rho = 10 Mbit/s (far above the 1.2 Mbit/s"
                                + " uplink):\n"
                                + SimulationReport.table(
                                        Simulator.run(highRho, SimulationListener.NONE)
                                                .summaries()));
            }
            if (spec.name().equals("ge-lte-tx2")) {
                SimulationSpec plain =
                        spec.toBuilder()
                                .policies(List.of(Policies.CUTEDGE))
                                .controller(
                                        spec.controller().toBuilder().cutEnergyWeight(0).build())
                                .build();
                System.out.println(
                        "--- same scenario, cutedge with eta = 0 (the plain section 5 bound):\n"
                                + SimulationReport.table(
                                        Simulator.run(plain, SimulationListener.NONE).summaries()));
            }
        }
        theory(img);
    }

    /** The nearest directory at or above {@code dir} that has docs/scenarios. */
    private static Path findRoot(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("docs/scenarios"))) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "no docs/scenarios above " + dir + ": pass the repository root as the argument");
    }

    /** The V sweep of LyapunovTheoryTest, as a table and a log-log plot. */
    private static void theory(Path img) {
        List<Double> vs = List.of(1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0);
        double best = LyapunovTheoryTest.bestFixedPowerW();
        System.out.printf(
                Locale.ROOT,
                "%n=== Lyapunov sweep (LyapunovTheoryTest setting), best fixed policy %.4f W%n",
                best);
        // eta, rho, allow idle (1 = yes)
        for (double[] setting :
                new double[][] {{1, 1e7, 1}, {0, 1e7, 1}, {0, 1e6, 1}, {1, 1e7, 0}}) {
            double eta = setting[0];
            double rho = setting[1];
            boolean idle = setting[2] == 1;
            SimulationSpec spec =
                    SimulationSpec.builder()
                            .name("theory")
                            .model(MacDerivedProfiles.resnet18())
                            .addDevices(
                                    new DeviceGroup(
                                            1,
                                            io.edgesplit.core.device.DeviceProfiles.builtin(
                                                    "jetson-tx2"),
                                            List.of(
                                                    io.edgesplit.core.trace.SyntheticTraces
                                                            .constant(20e6)),
                                            10,
                                            ArrivalProcess.POISSON))
                            .slots(200_000)
                            .slotSeconds(0.01)
                            .warmupSlots(50_000)
                            .policies(List.of(Policies.CUTEDGE))
                            .vValues(vs)
                            .recordSlots(false)
                            .seed(5)
                            .controller(
                                    ControllerConfig.builder()
                                            .latencyBoundS(Double.POSITIVE_INFINITY)
                                            .theta(1e4)
                                            .cutEnergyWeight(eta)
                                            .uplinkReferenceBps(rho)
                                            .allowIdle(idle)
                                            .slotSeconds(0.01)
                                            .build())
                            .build();
            List<RunSummary> runs = Simulator.run(spec, SimulationListener.NONE).summaries();
            System.out.printf(
                    Locale.ROOT,
                    "eta = %s, rho = %s bit/s, allow-idle %s%n%8s %12s %12s %12s %10s %s %s%n",
                    eta,
                    io.edgesplit.core.util.Values.format(rho),
                    idle,
                    "V",
                    "power W",
                    "gap W",
                    "backlog s",
                    "p50 s",
                    "raw-input share",
                    "mean clock MHz");
            List<double[]> gap = new ArrayList<>();
            List<double[]> backlog = new ArrayList<>();
            for (RunSummary r : runs) {
                double g = r.meanPowerW() - best;
                System.out.printf(
                        Locale.ROOT,
                        "%8s %12.5f %12.5f %12.5f %10.3f %.3f %.0f%n",
                        io.edgesplit.core.util.Values.format(r.v()),
                        r.meanPowerW(),
                        g,
                        r.meanBacklogSeconds(),
                        r.latencyP50S(),
                        r.cutShares().get(0),
                        r.meanClockHz() / 1e6);
                if (g > 0) {
                    gap.add(new double[] {r.v(), g});
                }
                backlog.add(new double[] {r.v(), r.meanBacklogSeconds()});
            }
            if (eta == 1 && rho == 1e7 && idle) {
                double[] lv = vs.stream().mapToDouble(Math::log10).toArray();
                double[] lg = gap.stream().mapToDouble(p -> Math.log10(p[1])).toArray();
                double[] lb = backlog.stream().mapToDouble(p -> Math.log10(p[1])).toArray();
                if (lg.length == lv.length) {
                    System.out.printf(
                            Locale.ROOT,
                            "log-log slopes over V = 1..1000: energy gap %.2f, backlog %.2f%n",
                            LyapunovTheoryTest.slope(lv, lg),
                            LyapunovTheoryTest.slope(lv, lb));
                }
                plotTheory(gap, backlog, img.resolve("controller-theory.png"));
            }
        }
    }

    private static void plotTheory(List<double[]> gap, List<double[]> backlog, Path file) {
        XYChart chart =
                new XYChartBuilder()
                        .width(Charts.WIDTH)
                        .height(Charts.HEIGHT)
                        .title(
                                "CutEdge (eta = 1): energy gap to the best fixed policy and backlog vs V")
                        .xAxisTitle("V")
                        .yAxisTitle("gap (W) / backlog (s)")
                        .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        XYSeries g =
                chart.addSeries(
                        "energy gap (W)",
                        gap.stream().mapToDouble(p -> p[0]).toArray(),
                        gap.stream().mapToDouble(p -> p[1]).toArray());
        g.setMarker(SeriesMarkers.CIRCLE);
        XYSeries b =
                chart.addSeries(
                        "mean backlog Qc + Qn/rho (s)",
                        backlog.stream().mapToDouble(p -> p[0]).toArray(),
                        backlog.stream().mapToDouble(p -> p[1]).toArray());
        b.setMarker(SeriesMarkers.DIAMOND);
        try {
            Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
