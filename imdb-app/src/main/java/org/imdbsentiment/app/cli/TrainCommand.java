package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.config.Versions;
import org.imdbsentiment.app.training.TrainingRun;
import org.imdbsentiment.model.config.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The top-level command: trains a version (its settings as options), or resumes a run. */
@CommandLine.Command(name = "imdb-sentiment", mixinStandardHelpOptions = false, sortOptions = true,
        description = "Trains an LSTM sentiment classifier on IMDB reviews, stops early on validation accuracy, "
                + "and evaluates the best model on the 25,000 test reviews.")
final class TrainCommand implements Command {
    private final CliContext context;
    private TrainingRun.Result result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = {"-v", "--verbose"}, description = "log DL4J, ND4J and DataVec at INFO (backend, devices, ...); "
            + "they log warnings only otherwise")
    boolean verbose;

    @Option(names = "--resume", paramLabel = "<run-dir>", description = "continue this interrupted run from its last "
            + "completed epoch (with the command that started it; also -Dresume=<run-dir>)")
    Path resume;

    TrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        ExperimentConfig config = context.config(SettingOptions.given(spec.commandLine().getParseResult()));
        Versions.settingsOf(config.version()); // an unknown version is a usage error before anything is read
        Path from = resume != null ? resume
                : context.systemProperties().getProperty("resume") == null ? null
                : Path.of(context.systemProperties().getProperty("resume"));
        String command = context.commandLine(args);
        result = from == null ? TrainingRun.start(config, command, context.progress())
                : TrainingRun.resume(from, config, command, context.progress());
        context.out().println("Run directory: " + result.runDirectory());
        return Cli.OK;
    }

    @Override
    public TrainingRun.Result result() {
        return result;
    }
}
