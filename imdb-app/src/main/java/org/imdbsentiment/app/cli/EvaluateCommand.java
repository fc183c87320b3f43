package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.reports.Reevaluation;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.bundle.ModelBundle;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

@CommandLine.Command(name = "evaluate", description = "Evaluates a model on the IMDB test set, or with --file on your own "
        + "labelled reviews (.tsv/.csv with a header naming 'text' and 'label' columns, or .jsonl with those fields; labels "
        + "positive/negative, pos/neg or 1/0): accuracy, confusion matrix, ROC AUC. On the test set with --run it also "
        + "rewrites the run's test-metrics.json, test-predictions.csv, errors.md and charts; otherwise it only prints.")
final class EvaluateCommand implements Command {
    private final CliContext context;
    private TestMetrics result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelChoice model;

    @Option(names = "--data", paramLabel = "<path>", description = "IMDB data (default: the model's own setting)")
    Path data;

    @Option(names = "--file", paramLabel = "<reviews>", description = "your own labelled reviews instead of the IMDB test set")
    Path file;

    @Option(names = "--max-batches", paramLabel = "<n>", description = "cap on test minibatches (0: all); "
            + "the result is then marked partial")
    int maxBatches;

    EvaluateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        if (maxBatches < 0) {
            throw new org.imdbsentiment.model.config.ConfigException("--max-batches must be >= 0, was " + maxBatches);
        }
        if (file != null && (data != null || maxBatches != 0)) {
            throw new org.imdbsentiment.model.config.ConfigException("--file takes neither --data nor --max-batches");
        }
        ModelBundle bundle = model.load();
        Optional<RunDirectory> run = file == null ? model.runDirectory() : Optional.empty();
        result = file != null ? Reevaluation.ofFile(bundle, file, context.progress())
                : Reevaluation.run(bundle, run, Optional.ofNullable(data), maxBatches, context.progress());
        TestMetrics.Confusion c = result.confusionMatrix();
        context.out().printf(Locale.ROOT, "%s accuracy %.2f%%, ROC AUC %.4f (TN %d, FP %d, FN %d, TP %d) on %d reviews%s%s%n",
                file == null ? "Test" : file.getFileName().toString() + ":", 100 * result.accuracy(), result.rocAuc(), c.tn(), c.fp(), c.fn(), c.tp(), result.reviews(),
                result.isComplete() ? "" : " (partial: not the model's test result)",
                run.map(r -> "; files rewritten in " + r).orElse(""));
        return Cli.OK;
    }

    @Override
    public TestMetrics result() {
        return result;
    }
}
