package org.imdbsentiment.app;

import org.imdbsentiment.data.DataException;
import org.imdbsentiment.glove.GloveException;
import org.imdbsentiment.model.ConfigException;
import org.imdbsentiment.model.ConfigKey;
import org.imdbsentiment.model.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The command line. Every {@link ConfigKey} is an option ({@code --epochs 3}); the same settings can
 * come from system properties ({@code -Depochs=3}) or a version file. Errors are one line on
 * standard error and a non-zero exit status: 2 for a bad command line or setting, 1 for bad data
 * or a failed run.
 */
final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Properties systemProperties;
    private Experiment.Result lastResult;

    Cli(PrintStream out, PrintStream err, Properties systemProperties) {
        this.out = out;
        this.err = err;
        this.systemProperties = systemProperties;
    }

    int execute(String... args) {
        CommandLine cli = new CommandLine(spec());
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage() + " (see --help)");
            return USAGE;
        }
        if (parsed.isUsageHelpRequested()) {
            cli.usage(new PrintWriter(out, true));
            return OK;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            options.put(o.longestName().substring(2), o.getValue());
        }
        ExperimentConfig config;
        try {
            config = ExperimentConfig.of(Settings.resolve(options, systemProperties));
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        try {
            lastResult = Experiment.run(config);
            out.println("Run directory: " + lastResult.runDirectory());
            return OK;
        } catch (DataException | ConfigException | GloveException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("error: " + e);
            return FAILED;
        }
    }

    /** The result of the last successful run, for callers that go on with it (and tests). */
    Experiment.Result lastResult() {
        return lastResult;
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("imdb-sentiment");
        spec.usageMessage().description(
                "Trains an LSTM sentiment classifier on IMDB reviews, stops early on validation accuracy, "
                        + "and evaluates the best model on the 25,000 test reviews.",
                "Each option can also be given as a system property (-Depochs=3). Versions: "
                        + String.join(", ", Settings.versions()) + ".");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help").build());
        for (ConfigKey k : ConfigKey.values()) {
            spec.addOption(OptionSpec.builder("--" + k.key())
                    .type(String.class)
                    .paramLabel("<" + k.key() + ">")
                    .description(k.description() + (k.defaultValue().isEmpty() ? "" : " (default: " + k.defaultValue() + ")"))
                    .build());
        }
        return spec;
    }
}
