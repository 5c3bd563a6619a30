package io.edgesplit.job.cli;

import io.edgesplit.onnx.cli.ExportCommand;
import io.edgesplit.onnx.cli.ModelsCommand;
import io.edgesplit.onnx.cli.PartitionCommand;
import io.edgesplit.onnx.cli.PipelineCommand;
import io.edgesplit.onnx.cli.PlanCommand;
import io.edgesplit.onnx.cli.ProfileCommand;
import io.edgesplit.onnx.cli.SplitCommand;
import java.util.List;

/** Every subcommand of {@code edgesplit}, in the order --help lists them. */
final class Subcommands {

    private Subcommands() {}

    static List<Object> all() {
        return List.of(
                new DemoCommand(),
                new JobCommand(),
                new BrokerCommand(),
                new ReplayCommand(),
                new RecordCommand(),
                new GenTraceCommand(),
                new ModelsCommand(),
                new ExportCommand(),
                new ProfileCommand(),
                new SplitCommand(),
                new PartitionCommand(),
                new PlanCommand(),
                new PipelineCommand(),
                new SimulateCommand());
    }
}
