package org.imdbsentiment.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.glove.GloveException;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.ConfigException;
import org.imdbsentiment.model.ConfigKey;
import org.imdbsentiment.model.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The command line. Without a sub-command it trains: every {@link ConfigKey} is an option
 * ({@code --epochs 3}) and can also come from a system property ({@code -Depochs=3}) or a version
 * file. Sub-commands: {@code evaluate}, {@code predict}, {@code compare}, {@code ui}, {@code benchmark}. Errors are one line on
 * standard error and a non-zero exit status: 2 for a bad command line or setting, 1 for bad input
 * or a failed run.
 */
final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Cli.class);
    private static final String RESUME = "--resume";

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Properties systemProperties;
    private Experiment.Result lastResult;

    Cli(PrintStream out, PrintStream err, Properties systemProperties) {
        this(out, err, InputStream.nullInputStream(), systemProperties);
    }

    Cli(PrintStream out, PrintStream err, InputStream in, Properties systemProperties) {
        this.out = out;
        this.err = err;
        this.in = in;
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
        ParseResult command = parsed.subcommand() != null ? parsed.subcommand() : parsed;
        if (parsed.hasMatchedOption("--verbose")) {
            for (String logger : List.of("org.deeplearning4j", "org.nd4j", "org.datavec")) {
                org.apache.logging.log4j.core.config.Configurator.setLevel(logger, org.apache.logging.log4j.Level.INFO);
            }
        }
        if (command.isUsageHelpRequested()) {
            command.commandSpec().commandLine().usage(new PrintWriter(out, true));
            return OK;
        }
        try {
            return switch (command.commandSpec().name()) {
                case "evaluate" -> evaluate(command);
                case "predict" -> predict(command);
                case "compare" -> compare(command, args);
                case "ui" -> dashboard(command);
                case "benchmark" -> benchmark(command);
                default -> train(command, args);
            };
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (DataException | GloveException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        } catch (LinkageError e) {
            // ExceptionInInitializerError, UnsatisfiedLinkError: the ND4J backend's native code cannot load.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println("error: the ND4J backend could not start: " + oneLine(root)
                    + " (CUDA jar: is an NVIDIA driver installed? see docs/gpu.md)");
            log.debug("failure", e);
            return FAILED;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + oneLine(e));
            log.debug("failure", e);
            return FAILED;
        }
    }

    /** A failure as one line: its message, and its cause's where that adds something. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The result of the last successful training run, for callers that go on with it (and tests). */
    Experiment.Result lastResult() {
        return lastResult;
    }

    /** The settings a command line gives: its {@link ConfigKey} options over system properties and the version file. */
    private ExperimentConfig config(ParseResult parsed) {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            if (ConfigKey.of(o.longestName().substring(2)).isPresent()) {
                options.put(o.longestName().substring(2), o.getValue());
            }
        }
        return ExperimentConfig.of(Settings.resolve(options, systemProperties));
    }

    private int train(ParseResult parsed, String[] args) throws IOException {
        ExperimentConfig config = config(parsed);
        Path resume = parsed.matchedOptionValue(RESUME, null);
        if (resume == null && systemProperties.getProperty("resume") != null) {
            resume = Path.of(systemProperties.getProperty("resume"));
        }
        boolean keep = parsed.hasMatchedOption("--ui-keep") || Boolean.parseBoolean(systemProperties.getProperty("ui-keep"));
        boolean ui = keep || parsed.hasMatchedOption("--ui") || Boolean.parseBoolean(systemProperties.getProperty("ui"));
        Experiment.Options watch = new Experiment.Options(ui, keep, ConsoleProgress.forThisProcess());
        lastResult = resume == null ? Experiment.run(config, commandLine(args), watch)
                : Experiment.resume(resume, config, commandLine(args), watch);
        out.println("Run directory: " + lastResult.runDirectory());
        return OK;
    }

    private int evaluate(ParseResult p) throws IOException {
        Path run = p.matchedOptionValue("--run", null);
        Path data = p.matchedOptionValue("--data", null);
        int maxBatches = p.matchedOptionValue("--max-batches", 0);
        ClassificationReport r = Reevaluation.run(run, Optional.ofNullable(data), maxBatches);
        out.printf(Locale.ROOT, "Test accuracy %.2f%%, ROC AUC %.4f (TN %d, FP %d, FN %d, TP %d); files rewritten in %s%n",
                100 * r.counts().accuracy(), r.rocAuc(), r.counts().tn(), r.counts().fp(), r.counts().fn(),
                r.counts().tp(), run);
        return OK;
    }

    private int predict(ParseResult p) throws IOException {
        Path run = p.matchedOptionValue("--run", null);
        Path file = p.matchedOptionValue("--file", null);
        boolean json = p.hasMatchedOption("--json");
        List<String> texts = new ArrayList<>(p.matchedPositionalValue(0, List.<String>of()));
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new DataException("review file not found: " + file);
            }
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(texts::add);
        }
        if (texts.isEmpty() && file == null) {
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank()).forEach(texts::add);
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no review to score: give text, --file, or lines on standard input");
        }
        Predictor predictor = new Predictor(ModelBundle.load(run));
        for (Predictor.Prediction pr : predictor.predict(texts)) {
            String label = pr.label().name().toLowerCase(Locale.ROOT);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("probability_positive", pr.probability());
                m.put("label", label);
                m.put("text", pr.text());
                out.println(JSON.writeValueAsString(m));
            } else {
                String excerpt = ErrorAnalysis.excerpt(pr.text());
                out.printf(Locale.ROOT, "%.4f  %-8s  %s%n", pr.probability(), label,
                        excerpt.substring(0, Math.min(70, excerpt.length())));
            }
        }
        return OK;
    }

    private int benchmark(ParseResult p) throws IOException {
        ExperimentConfig config = config(p);
        int batches = p.matchedOptionValue("--batches", 20);
        int warmup = p.matchedOptionValue("--warmup", 3);
        out.println(JSON.writeValueAsString(Benchmark.run(config, batches, warmup, ConsoleProgress.forThisProcess())));
        return OK;
    }

    private int dashboard(ParseResult p) throws InterruptedException {
        Path run = p.matchedOptionValue("--run", null);
        RunDirectory.existing(run);
        Dashboard.forFinishedRun(run);
        out.println("Press Ctrl-C to stop the dashboard.");
        Thread.currentThread().join();
        return OK;
    }

    private int compare(ParseResult p, String[] args) throws IOException {
        List<Path> runs = p.matchedPositionalValue(0, List.<Path>of());
        if (runs.isEmpty()) {
            throw Comparison.noRuns();
        }
        Path output = p.matchedOptionValue("--output", Path.of("docs"));
        Comparison.write(runs, output, commandLine(args), p.matchedOptionValue("--note", List.<String>of()));
        out.println("Wrote " + output.resolve("results.md") + ", results.json and validation-curves.png");
        return OK;
    }

    private String commandLine(String[] args) {
        StringBuilder sb = new StringBuilder("imdb-sentiment");
        for (ConfigKey k : ConfigKey.values()) {
            String v = systemProperties.getProperty(k.key());
            if (v != null) {
                sb.append(" -D").append(k.key()).append('=').append(v);
            }
        }
        if (systemProperties.getProperty("resume") != null) {
            sb.append(" -Dresume=").append(systemProperties.getProperty("resume"));
        }
        for (String a : args) {
            sb.append(' ').append(a.matches("[\\w./:=@,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("imdb-sentiment");
        spec.usageMessage().description(
                "Trains an LSTM sentiment classifier on IMDB reviews, stops early on validation accuracy, "
                        + "and evaluates the best model on the 25,000 test reviews.",
                "Each option can also be given as a system property (-Depochs=3). Versions: "
                        + String.join(", ", Settings.versions()) + ".");
        spec.addOption(help());
        spec.addOption(pathOption(RESUME, "<run-dir>", "continue this interrupted run from its last completed epoch "
                + "(with the command that started it; also -Dresume=<run-dir>)", false));
        spec.addOption(OptionSpec.builder("-v", "--verbose").description("log DL4J, ND4J and DataVec at INFO "
                + "(backend, devices, ...); they log warnings only otherwise").build());
        spec.addOption(OptionSpec.builder("--ui").description("show the DL4J training dashboard in the browser "
                + "(http://localhost:9000/train/overview; also -Dui=true)").build());
        spec.addOption(OptionSpec.builder("--ui-keep").description("keep the dashboard running after training, "
                + "until Ctrl-C (also -Dui-keep=true)").build());
        addSettingOptions(spec);

        CommandSpec evaluate = CommandSpec.create().name("evaluate");
        evaluate.usageMessage().description("Evaluates a run's best model on the test set again and rewrites its "
                + "test-metrics.json, test-predictions.csv, errors.md and charts.");
        evaluate.addOption(help());
        evaluate.addOption(pathOption("--run", "<run-dir>", "the run directory", true));
        evaluate.addOption(pathOption("--data", "<path>", "IMDB data (default: the run's own setting)", false));
        evaluate.addOption(OptionSpec.builder("--max-batches").type(int.class).paramLabel("<n>")
                .description("cap on test minibatches (0: all)").build());
        spec.addSubcommand("evaluate", evaluate);

        CommandSpec predict = CommandSpec.create().name("predict");
        predict.usageMessage().description("Prints P(positive) and the label of each review, read from the arguments, "
                + "from --file (one review per line), or from standard input (one per line).");
        predict.addOption(help());
        predict.addOption(pathOption("--run", "<run-dir>", "the run directory whose model, vocabulary and settings to use", true));
        predict.addOption(pathOption("--file", "<file>", "a file with one review per line", false));
        predict.addOption(OptionSpec.builder("--json").description("one JSON object per review").build());
        predict.addPositional(PositionalParamSpec.builder().type(List.class).auxiliaryTypes(String.class)
                .arity("0..*").paramLabel("<text>").description("review texts").build());
        spec.addSubcommand("predict", predict);

        CommandSpec ui = CommandSpec.create().name("ui");
        ui.usageMessage().description("Opens the DL4J dashboard on the statistics a run recorded with --ui, until Ctrl-C.");
        ui.addOption(help());
        ui.addOption(pathOption("--run", "<run-dir>", "the run directory", true));
        spec.addSubcommand("ui", ui);

        CommandSpec benchmark = CommandSpec.create().name("benchmark");
        benchmark.usageMessage().description("Times training and inference minibatches of a version's model on the "
                + "real IMDB lengths and prints one JSON line: ms per batch (median, min), padded and real tokens/s, "
                + "single-review latency, an epoch estimate, threads, backend and settings. Takes the training options.");
        benchmark.addOption(help());
        benchmark.addOption(OptionSpec.builder("--batches").type(int.class).paramLabel("<n>")
                .description("timed minibatches of each kind (default: 20)").build());
        benchmark.addOption(OptionSpec.builder("--warmup").type(int.class).paramLabel("<n>")
                .description("untimed minibatches first (default: 3)").build());
        addSettingOptions(benchmark);
        spec.addSubcommand("benchmark", benchmark);

        CommandSpec compare = CommandSpec.create().name("compare");
        compare.usageMessage().description("Compares run directories: writes results.md, results.json and "
                + "validation-curves.png (and copies each run's charts) into the output directory.");
        compare.addOption(help());
        compare.addOption(pathOption("--output", "<dir>", "where to write (default: docs)", false));
        compare.addOption(OptionSpec.builder("--note").type(List.class).auxiliaryTypes(String.class).paramLabel("<text>")
                .description("a note listed under the table (repeatable)").build());
        compare.addPositional(PositionalParamSpec.builder().type(List.class).auxiliaryTypes(Path.class)
                .arity("1..*").paramLabel("<run-dir>").description("run directories, v1 first").build());
        spec.addSubcommand("compare", compare);
        return spec;
    }

    /** Every {@link ConfigKey} as an option {@code --<key> <value>}. */
    private static void addSettingOptions(CommandSpec spec) {
        for (ConfigKey k : ConfigKey.values()) {
            spec.addOption(OptionSpec.builder("--" + k.key())
                    .type(String.class)
                    .paramLabel("<" + k.key() + ">")
                    .description(k.description() + (k.defaultValue().isEmpty() ? "" : " (default: " + k.defaultValue() + ")"))
                    .build());
        }
    }

    private static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help").build();
    }

    private static OptionSpec pathOption(String name, String label, String description, boolean required) {
        return OptionSpec.builder(name).type(Path.class).paramLabel(label).description(description).required(required).build();
    }
}
