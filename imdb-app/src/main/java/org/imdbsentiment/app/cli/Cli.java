package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.config.Versions;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.Messages;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.glove.GloveException;
import org.imdbsentiment.model.bundle.BundleException;
import org.imdbsentiment.model.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;

/**
 * The command line. Without a sub-command it trains ({@link TrainCommand}): every setting is an
 * option ({@code --epochs 3}) and can also come from a system property ({@code -Depochs=3}) or a
 * version file. Sub-commands: {@code evaluate}, {@code predict}, {@code compare}, {@code bundle},
 * {@code keep}, {@code settings}, {@code ui}, {@code benchmark}. Errors are one line on standard error
 * and a non-zero exit status: {@value #USAGE} for a bad command line or setting, {@value #FAILED} for
 * bad input or a failed run.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Cli.class);

    private final CliContext context;

    /** What a command line did: its exit status, and the command's result (null on failure or for none). */
    public record Outcome(int status, Object result) {
        /** The result as {@code type}. */
        public <T> T result(Class<T> type) {
            return type.cast(result);
        }
    }

    public Cli(PrintStream out, PrintStream err, InputStream in, Properties systemProperties) {
        this(out, err, in, systemProperties, ConsoleProgress.forThisProcess());
    }

    public Cli(PrintStream out, PrintStream err, InputStream in, Properties systemProperties, Progress.Factory progress) {
        this.context = new CliContext(out, err, in, systemProperties, progress);
    }

    /** Runs a command line; returns its exit status. */
    public int execute(String... args) {
        return run(args).status();
    }

    /** Runs a command line; returns its exit status and the command's result. */
    public Outcome run(String... args) {
        CommandLine cli = commandLine(context);
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            context.err().println("error: " + e.getMessage() + " (see --help)");
            return new Outcome(USAGE, null);
        }
        ParseResult command = parsed;
        while (command.subcommand() != null) {
            command = command.subcommand();
        }
        if (parsed.hasMatchedOption("--verbose")) {
            for (String logger : List.of("org.deeplearning4j", "org.nd4j", "org.datavec")) {
                org.apache.logging.log4j.core.config.Configurator.setLevel(logger, org.apache.logging.log4j.Level.INFO);
            }
        }
        if (command.isUsageHelpRequested()) {
            command.commandSpec().commandLine().usage(new PrintWriter(context.out(), true));
            return new Outcome(OK, null);
        }
        CommandSpec spec = command.commandSpec();
        Command target = (Command) spec.userObject();
        try {
            return new Outcome(target.run(spec, args), target.result());
        } catch (ConfigException e) {
            context.err().println("error: " + e.getMessage());
            return new Outcome(USAGE, null);
        } catch (DataException | GloveException | BundleException | IllegalArgumentException e) {
            context.err().println("error: " + oneLine(e));
            log.debug("failure", e);
            return new Outcome(FAILED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(OK, null);
        } catch (OutOfMemoryError e) {
            context.err().println("error: out of memory (" + oneLine(e) + "): use a smaller batch-size or max-length, "
                    + "or give the JVM more memory (-Xmx)");
            return new Outcome(FAILED, null);
        } catch (LinkageError e) {
            // ExceptionInInitializerError, UnsatisfiedLinkError: the ND4J backend's native code cannot load.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            context.err().println("error: the ND4J backend could not start: " + oneLine(root)
                    + " (CUDA jar: is an NVIDIA driver installed? see docs/gpu.md)");
            log.debug("failure", e);
            return new Outcome(FAILED, null);
        } catch (Exception e) {
            context.err().println("error: " + oneLine(e));
            log.debug("failure", e);
            return new Outcome(FAILED, null);
        }
    }

    /** The command tree: training at the top, every sub-command below it. */
    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new TrainCommand(context));
        SettingOptions.addTo(cli.getCommandSpec());
        cli.getCommandSpec().usageMessage().description(cli.getCommandSpec().usageMessage().description()[0],
                "Each setting can also be given as a system property (-Depochs=3); `imdb-sentiment settings` lists them "
                        + "with their ranges. Versions: " + String.join(", ", Versions.names()) + ".");
        cli.addSubcommand(new EvaluateCommand(context));
        cli.addSubcommand(new PredictCommand(context));
        cli.addSubcommand(new CompareCommand(context));
        cli.addSubcommand(new BundleCommand(context));
        cli.addSubcommand(new KeepCommand(context));
        cli.addSubcommand(new SettingsCommand(context));
        cli.addSubcommand(new Word2VecCommand(context));
        cli.addSubcommand(new ServeCommand(context));
        cli.addSubcommand(new LoadTestCommand(context));
        cli.addSubcommand(new UiCommand(context));
        CommandLine benchmark = new CommandLine(new BenchmarkCommand(context));
        SettingOptions.addTo(benchmark.getCommandSpec());
        cli.addSubcommand(benchmark);
        return cli;
    }

    /** A failure as one line (see {@link Messages#oneLine}). */
    static String oneLine(Throwable e) {
        return Messages.oneLine(e);
    }
}
