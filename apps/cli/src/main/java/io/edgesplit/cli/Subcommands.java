package io.edgesplit.cli;

import io.edgesplit.cli.model.ExportCommand;
import io.edgesplit.cli.model.ModelsCommand;
import io.edgesplit.cli.model.PartitionCommand;
import io.edgesplit.cli.model.PipelineCommand;
import io.edgesplit.cli.model.PlanCommand;
import io.edgesplit.cli.model.ProfileCommand;
import io.edgesplit.cli.model.SplitCommand;
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
