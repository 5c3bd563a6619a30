package io.edgesplit.cli.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgesplit.onnx.graph.ModelAnalysis;
import io.edgesplit.onnx.graph.ModelAnalyzer;
import io.edgesplit.onnx.graph.OnnxModel;
import io.edgesplit.onnx.pipeline.PlanCheck;
import io.edgesplit.onnx.zoo.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgesplit pipeline --plan FILE --check}: runs a plan's stages against the full model. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the stages of a plan written by 'edgesplit plan --out' with ONNX Runtime on this"
                    + " machine, chained, and prints the largest relative error against the full"
                    + " model (must be < 1e-4) and each stage's measured time. Each stage runs"
                    + " whole: row splits inside a stage are not executed."
        })
public final class PipelineCommand implements Callable<Integer> {

    /** The largest relative error a check accepts. */
    public static final double TOLERANCE = 1e-4;

    @Spec private CommandSpec spec;

    @Option(names = "--plan", required = true, paramLabel = "FILE", description = "A plan (JSON).")
    private Path plan;

    @Option(names = "--check", required = true, description = "Compare with the full model.")
    private boolean check;

    @Option(
            names = "--model",
            paramLabel = "FILE|NAME",
            description = "The model (default: the plan's model as a built-in name).")
    private String model;

    @Option(
            names = "--frames",
            paramLabel = "N",
            defaultValue = "10",
            description = "Random frames compared (default: ${DEFAULT-VALUE}).")
    private int frames;

    @Override
    public Integer call() throws Exception {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be >= 1, got " + frames);
        }
        JsonNode p = read(plan);
        OnnxModel m = ModelSource.resolve(model != null ? model : p.path("model").asText(""));
        ModelAnalysis analysis = ModelAnalyzer.analyze(m, null);
        int[] ends = PlanCheck.stageEnds(p, analysis);
        PlanCheck.Result r = PlanCheck.check(m, analysis, ends, frames);
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = r.maxRelativeError() < TOLERANCE;
        out.printf(
                Locale.ROOT,
                "%s: %d stages, %d frames, largest relative error %.3g (%s %.0e)%n",
                m.name(),
                r.stages(),
                r.frames(),
                r.maxRelativeError(),
                ok ? "below" : "NOT below",
                TOLERANCE);
        JsonNode stages = p.get("stages");
        for (int i = 0; i < r.stages(); i++) {
            out.printf(
                    Locale.ROOT,
                    "  stage %d: nodes %d..%d, measured %.3f ms here (1 thread), predicted %.3f ms"
                            + " on its devices%n",
                    i + 1,
                    ends[i],
                    ends[i + 1] - 1,
                    r.stageMs()[i],
                    stages.get(i).path("timeMs").asDouble(Double.NaN));
        }
        return ok ? 0 : 1;
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("plan file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "plan file "
                            + file
                            + " is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }
}
