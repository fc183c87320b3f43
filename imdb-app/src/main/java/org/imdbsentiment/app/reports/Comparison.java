package org.imdbsentiment.app.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.imdbsentiment.app.config.Versions;
import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.GloveCoverage;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.app.runs.TeacherLabels;
import org.imdbsentiment.app.runs.RunSummary;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.model.TeacherBranches;
import org.imdbsentiment.model.TeacherTargets;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Setting;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.ngram.NgramWeighting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads several run directories and writes the side-by-side comparison: {@code results.md} (the
 * table, then each run's provenance and epochs), {@code results.json}, {@code validation-curves.png}
 * (the runs' validation accuracy overlaid), and a copy of each run's charts. Unfinished runs are
 * shown with the epochs they completed; a run without any finished epoch is refused by name.
 */
public final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** What is known of one run, read through {@link RunDirectory}'s records. */
    record Run(Path dir, ExperimentConfig config, RunSummary summary, List<EpochMetrics> epochs,
               Optional<TestMetrics> test, Optional<GloveCoverage> glove, String label) {

        /** A self-trained run's record of its teacher, if it has one. */
        Optional<TeacherLabels> teacherLabels() {
            return RunDirectory.existing(dir).teacherLabels();
        }

        String version() {
            return config.version();
        }

        String status() {
            return summary.status();
        }

        int bestEpoch() {
            return summary.bestEpoch() != null ? summary.bestEpoch() : EpochMetrics.best(epochs);
        }

        /** The kept epoch's validation accuracy; null for a final fit (no validation). */
        Double bestValAccuracy() {
            return epochs.get(bestEpoch() - 1).validatedAccuracy();
        }

        Optional<TestMetrics.Confusion> confusion() {
            return test.map(TestMetrics::confusionMatrix);
        }

        String mainChange() {
            String embedding = config.get(Settings.EMBEDDING).key();
            String vectors = vectorsName().map(n -> n + " init").orElse("GloVe init");
            String words = switch (config.get(Settings.EMBEDDING)) {
                case SCRATCH -> "embeddings learned from scratch";
                case GLOVE_TRAINABLE -> vectors + ", trainable";
                case GLOVE_FROZEN -> vectors.replace(" init", "") + ", frozen";
            };
            if (config.get(Settings.PADDING) == org.imdbsentiment.data.Padding.NAIVE) {
                String naive = "no mask: padded to max length, last padded step";
                return "scratch".equals(embedding) ? naive : naive + "; " + words;
            }
            String lengths = config.get(Settings.MAX_LENGTH).equals(Settings.MAX_LENGTH.defaultValue()) ? ""
                    : ", " + config.get(Settings.MAX_LENGTH) + " tokens"
                    + (config.get(Settings.TRUNCATION) == org.imdbsentiment.data.Truncation.HEAD ? "" : " (" + config.get(Settings.TRUNCATION).key() + ")");
            if (config.get(Settings.NGRAM_MAX_LENGTH) > 0) {
                lengths += ", n-grams of up to " + config.get(Settings.NGRAM_MAX_LENGTH) + " tokens";
            }
            int h = config.get(Settings.HIDDEN_SIZE);
            String fit = config.get(Settings.TEACHER).map(t -> "; + unlabelled reviews "
                            + (config.get(Settings.TEACHER_TARGETS) == TeacherTargets.PROBABILITIES
                            ? "fitted to the probabilities of " : "labelled by ")
                            + teacherLabels().map(TeacherLabels::teacherRun).orElse(teacherName(t))
                            + (config.get(Settings.TEACHER_BRANCHES) == TeacherBranches.LSTM ? " (LSTM side only)" : "")).orElse("")
                    + (config.get(Settings.WEIGHT_AVERAGE_DECAY) > 0
                    ? "; weights averaged (EMA " + config.toSettings().get(Settings.WEIGHT_AVERAGE_DECAY.key()) + ")" : "")
                    + (config.get(Settings.VALIDATION_SIZE) == 0
                    ? "; final fit: every training review, " + config.get(Settings.EPOCHS) + " epochs" : "");
            return switch (config.get(Settings.ARCHITECTURE)) {
                case LAST_STEP -> words + lengths + fit;
                case BILSTM_POOL -> "BiLSTM " + h + "x2, max+mean pooled; " + words + lengths + fit;
                case HYBRID -> "BiLSTM " + h + "x2 pooled + bag of " + ngrams(config, "n-grams") + "; " + words + lengths + fit;
                case HYBRID_HEADS -> "BiLSTM " + h + "x2 pooled and bag of " + ngrams(config, "n-grams")
                        + ", a logit and a loss each, log-odds averaged; " + words + lengths + fit;
                case NGRAMS -> "bag of " + ngrams(config, "unigrams + hashed bigrams") + " alone" + lengths + fit;
            };
        }

        /** What the n-gram bag counts: {@code usual} at the default order 2, else its n-grams named. */
        private static String ngrams(ExperimentConfig config, String usual) {
            String counted = switch (config.get(Settings.NGRAM_ORDER)) {
                case 1 -> "unigrams";
                case 3 -> "unigrams + hashed bigrams + trigrams";
                default -> usual;
            };
            return config.get(Settings.NGRAM_WEIGHTING) == NgramWeighting.NB ? counted + " (NB-weighted)" : counted;
        }

        /**
         * The pretrained vectors' name where they are not GloVe (e.g. "imdb-word2vec" for the word2vec
         * command's file); empty for GloVe or without pretrained vectors.
         */
        Optional<String> vectorsName() {
            return Comparison.vectorsName(glove);
        }

        /** Backend, threads and LSTM implementation (runs from before the lstm setting used DL4J's layer). */
        String compute() {
            String backend = summary.backend() != null ? summary.backend() : "backend not recorded";
            String threads = summary.threads() != null ? summary.threads().toString() : "?";
            return backend + ", " + threads + " thread(s), lstm " + config.get(Settings.LSTM).key();
        }
    }

    /** One row of results.json. */
    record ResultRow(String version, String label, String mainChange, String runDirectory, String status,
                     String gitCommit, String compute, String gloveFile, Integer gloveMatched,
                     Double gloveMatchedPercent, int epochs, int bestEpoch, Double bestValAccuracy, Double testAccuracy,
                     Double rocAuc, TestMetrics.Confusion confusionMatrix, Shift shiftVsV1,
                     Double trainSecondsPerEpoch) {
    }

    /** Errors of a run minus those of v1. */
    record Shift(long fp, long fn) {
    }

    private Comparison() {
    }

    /** A run directory, read; {@code label} names it in the table. */
    static Run read(Path dir, String label) {
        RunDirectory run = RunDirectory.existing(dir);
        RunSummary summary = run.summary().orElse(RunSummary.of(b -> { }));
        List<EpochMetrics> epochs = run.epochs();
        if (epochs.isEmpty()) {
            throw new DataException("run " + dir + " has no finished epoch (status: "
                    + (summary.status() == null ? "not recorded" : summary.status()) + "): nothing to compare; leave it out");
        }
        return new Run(dir, run.config(), summary, epochs, run.testMetrics(), run.gloveCoverage(), label);
    }

    /**
     * The version, with the settings that change results appended where the run recorded a value
     * other than its version's own (a naive run on frozen GloVe: {@code naive-glove-frozen}; v1 with
     * seed 1: {@code v1-seed1}; others as {@code -<key><value>}). Settings a run did not record (it
     * predates them) do not count; then the pretrained vectors where they are not the version's own
     * ({@link #vectorsSuffix}). A teacher counts by whether there is one ({@code -teacher-<its run>} where the
     * version names none, {@code -no-teacher} where it names one), not by where its file was. A run that
     * validated with the default split and epoch limit, of a version whose model is a final fit (v4:
     * validation-size 0), is {@code v4-validated}. Names the run in
     * the table, the curves and the copied charts.
     */
    static String label(ExperimentConfig config, java.util.Set<String> recorded, Optional<GloveCoverage> coverage) {
        Map<String, String> own;
        try {
            own = Versions.resolveText(Map.of(Settings.VERSION.key(), config.version()), new java.util.Properties());
        } catch (RuntimeException e) {
            own = Map.of();
        }
        ExperimentConfig versionDefaults = ExperimentConfig.of(own.isEmpty() ? Map.of() : own);
        StringBuilder label = new StringBuilder(config.version());
        // A validated run of a version whose model is a final fit (validation-size 0): "-validated"
        // stands for the validation split and epoch limit of the defaults, which chose its settings.
        boolean validated = versionDefaults.get(Settings.VALIDATION_SIZE) == 0
                && recorded.contains(Settings.VALIDATION_SIZE.key())
                && config.get(Settings.VALIDATION_SIZE).equals(Settings.VALIDATION_SIZE.defaultValue())
                && config.get(Settings.EPOCHS).equals(Settings.EPOCHS.defaultValue());
        if (validated) {
            label.append("-validated");
        }
        for (Setting<?> s : Settings.ALL) {
            if (!s.group().changesResults() || s == Settings.VERSION || !recorded.contains(s.key())
                    || (validated && (s == Settings.VALIDATION_SIZE || s == Settings.EPOCHS))) {
                continue;
            }
            String value = config.toSettings().get(s.key());
            String versions = versionDefaults.toSettings().get(s.key());
            // a teacher is a file of the user's: the label says whether the run had one where its version names
            // one (or names none), not where the file was
            boolean differs = s == Settings.TEACHER ? value.isEmpty() != versions.isEmpty() : !value.equals(versions);
            if (differs) {
                if (s == Settings.TEACHER) {
                    label.append(value.isEmpty() ? "-no-teacher" : "-teacher-" + teacherName(Path.of(value)));
                } else {
                    label.append(s == Settings.EMBEDDING ? "-" : s == Settings.SEED ? "-seed" : "-" + s.key()).append(value);
                }
            }
        }
        return label.append(vectorsSuffix(own.get(Settings.GLOVE.key()), coverage)).toString();
    }

    /**
     * A teacher's name: its run directory's (a run directory, or a run's model.zip or best-model.zip), else the
     * bundle's file name.
     */
    static String teacherName(Path teacher) {
        Path name = teacher.getFileName();
        if (name == null) {
            return teacher.toString();
        }
        boolean runFile = name.toString().equals(RunDirectory.MODEL_BUNDLE) || name.toString().equals(RunDirectory.BEST_MODEL);
        return runFile && teacher.getParent() != null && teacher.getParent().getFileName() != null
                ? teacher.getParent().getFileName().toString() : name.toString();
    }

    /** The name of pretrained vectors that are not GloVe: their file name up to its first dot. */
    static Optional<String> vectorsName(Optional<GloveCoverage> coverage) {
        return coverage.map(g -> stem(g.file())).filter(name -> !name.toLowerCase(Locale.ROOT).startsWith("glove"));
    }

    /**
     * "-<vectors>" when a run started from other pretrained vectors than its version names: for a
     * version without a {@code glove} file of its own ({@code own} null or blank), any vectors but GloVe
     * ("-imdb-word2vec"); for one that names a file (v4: imdb-word2vec.100d.txt), any other file ("-glove").
     */
    private static String vectorsSuffix(String own, Optional<GloveCoverage> coverage) {
        Optional<String> other = own == null || own.isBlank() ? vectorsName(coverage)
                : coverage.map(g -> stem(g.file())).filter(used -> !used.equals(stem(own)));
        return other.map(n -> "-" + n).orElse("");
    }

    /** A vectors file's name up to its first dot ("glove" for glove.6B.100d.341k.zip). */
    private static String stem(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    }

    /** Labels for these runs, made unique by a suffix where two runs would share one. */
    static List<String> uniqueLabels(List<RunDirectory> runs) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (RunDirectory r : runs) {
            String base = label(r.config(), r.recordedSettings().keySet(), r.gloveCoverage());
            int n = seen.merge(base, 1, Integer::sum);
            out.add(n == 1 ? base : base + "-" + n);
        }
        return out;
    }

    static void write(List<Path> runDirs, Path output, String regenerate) throws IOException {
        write(runDirs, output, regenerate, List.of());
    }

    /** As above, with notes (from whoever compares) listed under the table. */
    public static void write(List<Path> runDirs, Path output, String regenerate, List<String> notes) throws IOException {
        write(runDirs, output, regenerate, notes, Map.of());
    }

    /**
     * As above, with labels given for some runs (by run directory), e.g. to name the run a version was
     * chosen from; the others are labelled as {@link #label} says. Labels name files, so they are
     * letters, digits, '.', '_' and '-'; two runs may not share one.
     */
    public static void write(List<Path> runDirs, Path output, String regenerate, List<String> notes,
                             Map<Path, String> given) throws IOException {
        if (runDirs.isEmpty()) {
            throw noRuns();
        }
        List<String> labels = new ArrayList<>(uniqueLabels(runDirs.stream().map(RunDirectory::existing).toList()));
        Map<Path, String> byDir = new HashMap<>();
        given.forEach((dir, label) -> {
            if (!label.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("label '" + label + "' for " + dir + ": use letters, digits, '.', '_' and '-'");
            }
            byDir.put(dir.toAbsolutePath().normalize(), label);
        });
        for (Path dir : byDir.keySet()) {
            if (runDirs.stream().noneMatch(r -> r.toAbsolutePath().normalize().equals(dir))) {
                throw new IllegalArgumentException("--label names " + dir + ", which is not among the runs compared");
            }
        }
        for (int i = 0; i < runDirs.size(); i++) {
            String label = byDir.get(runDirs.get(i).toAbsolutePath().normalize());
            if (label != null) {
                labels.set(i, label);
            }
        }
        if (new java.util.HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("two runs would share a label in " + labels + ": give them others with --label");
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < runDirs.size(); i++) {
            runs.add(read(runDirs.get(i), labels.get(i)));
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new DataException("--output " + output + " is a file; compare writes several files into a directory");
        }
        Files.createDirectories(output);
        Optional<Run> baseline = runs.stream().filter(r -> r.version().equals("v1") && r.test().isPresent()).findFirst();
        Files.writeString(output.resolve("results.md"), markdown(runs, baseline, regenerate, notes));
        Files.writeString(output.resolve("results.json"), JSON.writeValueAsString(json(runs, baseline)) + "\n");
        Map<String, List<EpochMetrics>> curves = new LinkedHashMap<>();
        runs.forEach(r -> curves.put(r.label(), r.epochs()));
        Plots.validationCurves("Validation accuracy per epoch", curves, output.resolve("validation-curves.png"));
        for (Run r : runs) {
            for (String png : List.of(RunDirectory.LEARNING_CURVES, RunDirectory.CONFUSION_MATRIX)) {
                Path from = r.dir().resolve(png);
                if (Files.isRegularFile(from)) {
                    Files.copy(from, output.resolve(r.label() + "-" + png), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Runs whose labels differ only in their seed ({@code v4}, {@code v4-seed1}, {@code v4-seed2}):
     * one line per such group with its seeds in ascending order (whatever the order of the runs) and
     * the mean and sample standard deviation of the best validation and the test accuracy (percentage
     * points), so that a difference between versions can be read against the spread of one version's
     * seeds.
     */
    private static void seedGroups(List<Run> runs, StringBuilder md) {
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(r.label().replaceAll("-seed\\d+", ""), k -> new ArrayList<>()).add(r));
        groups.values().removeIf(g -> g.size() < 2);
        if (groups.isEmpty()) {
            return;
        }
        md.append("\nRuns that differ only in their seed (mean ± sample standard deviation, in points):\n\n")
                .append("| configuration | seeds | best val acc | test acc |\n|---|---|---|---|\n");
        groups.forEach((name, group) -> {
            List<Double> tests = group.stream().flatMap(r -> r.test().stream()).map(TestMetrics::accuracy).toList();
            List<Double> validated = group.stream().map(Run::bestValAccuracy).filter(java.util.Objects::nonNull).toList();
            md.append("| ").append(name).append(" | ")
                    .append(String.join(", ", group.stream().map(r -> r.config().get(Settings.SEED)).sorted()
                            .map(Object::toString).toList()))
                    .append(" | ").append(validated.isEmpty() ? "— (final fits)" : meanSd(validated)
                            + (validated.size() < group.size() ? " (" + validated.size() + " validated)" : ""))
                    .append(" | ").append(tests.isEmpty() ? "—" : meanSd(tests)
                            + (tests.size() < group.size() ? " (" + tests.size() + " with a test figure)" : ""))
                    .append(" |\n");
        });
    }

    /** "89.66% ± 0.22 (n = 3)" from accuracies in [0, 1]. */
    static String meanSd(List<Double> accuracies) {
        int n = accuracies.size();
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        String sd = n < 2 ? "" : String.format(Locale.ROOT, " ± %.2f", 100 * Math.sqrt(ss / (n - 1)));
        return String.format(Locale.ROOT, "%.2f%%%s (n = %d)", 100 * mean, sd, n);
    }

    static String markdown(List<Run> runs, Optional<Run> baseline, String regenerate, List<String> notes) {
        StringBuilder md = new StringBuilder("# Results\n\n");
        md.append("Generated by `compare` from the run directories listed below; not edited by hand. Regenerate with:\n\n")
                .append("```bash\n").append(regenerate).append("\n```\n\n");
        md.append("| version | main change | vector coverage | epochs | best val acc | test acc | ROC AUC | FP | FN | FP / FN vs v1 |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            Optional<TestMetrics.Confusion> cm = r.confusion();
            md.append("| ").append(r.label()).append(" | ").append(r.mainChange()).append(" | ")
                    .append(r.glove().map(g -> String.format(Locale.ROOT, "%,d / %,d (%.2f%%)",
                            g.matched(), g.vocabularySize(), g.matchedPercent())).orElse("—"))
                    .append(" | ").append(r.epochs().size())
                    .append(r.status() != null && !r.status().equals(RunSummary.FINISHED) ? " (" + r.status() + ")" : "")
                    .append(" | ").append(r.bestValAccuracy() == null ? "— (final fit, last epoch " + r.bestEpoch() + ")"
                            : percent(r.bestValAccuracy()) + " (epoch " + r.bestEpoch() + ")")
                    .append(" | ").append(r.test().map(t -> percent(t.accuracy())
                            + (t.isComplete() ? "" : " (partial)")).orElse("—"))
                    .append(" | ").append(r.test().map(t -> String.format(Locale.ROOT, "%.4f", t.rocAuc())).orElse("—"))
                    .append(" | ").append(cm.map(c -> String.format(Locale.ROOT, "%,d", c.fp())).orElse("—"))
                    .append(" | ").append(cm.map(c -> String.format(Locale.ROOT, "%,d", c.fn())).orElse("—"))
                    .append(" | ").append(shift(r, baseline)).append(" |\n");
        }
        seedGroups(runs, md);
        if (!notes.isEmpty()) {
            md.append("\nNotes:\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append("\nReference (the PyTorch study): v1 83.08% best val / 81.91% test; v2 86.68% / 84.48%; ")
                .append("v3 84.96% / 83.62%; naive padding ≈ 51%. Its v2 confusion matrix: TN 10,685, FP 1,815, FN 2,066, TP 10,434.\n\n");
        md.append("![validation accuracy per epoch](validation-curves.png)\n\n");
        for (Run r : runs) {
            RunSummary s = r.summary();
            md.append("## ").append(r.label()).append(": ").append(r.mainChange()).append("\n\n");
            md.append("- run directory: `").append(r.dir()).append("`\n");
            md.append("- status: ").append(orDash(s.status()))
                    .append(s.termination() == null ? "" : " (" + s.termination() + ")").append('\n');
            md.append("- command: `").append(orDash(s.command())).append("`\n");
            md.append("- git commit: `").append(orDash(s.gitCommit())).append("`\n");
            md.append("- machine: ").append(s.machine() == null ? "not recorded" : s.machine().describe()).append('\n');
            md.append("- compute: ").append(r.compute()).append('\n');
            md.append("- started ").append(orDash(s.started())).append(", finished ").append(orDash(s.finished())).append('\n');
            if (s.dataFile() != null) {
                md.append("- data: `").append(s.dataFile()).append('`')
                        .append(s.dataSha256() == null ? "" : " (sha256 " + s.dataSha256() + ")").append('\n');
            }
            r.glove().ifPresent(g -> md.append("- GloVe file: `").append(g.file()).append('`')
                    .append(g.fileSha256() == null ? "" : " (sha256 " + g.fileSha256() + ")")
                    .append(String.format(Locale.ROOT, "; %,d lines read, %,d of %,d vocabulary entries matched (%.2f%%), "
                                    + "%.2f%% of training tokens", g.linesRead(), g.matched(), g.vocabularySize(),
                            g.matchedPercent(), g.tokenPercent())).append('\n'));
            double train = r.epochs().stream().mapToDouble(EpochMetrics::trainSeconds).average().orElse(Double.NaN);
            double val = r.epochs().stream().mapToDouble(EpochMetrics::valSeconds).average().orElse(Double.NaN);
            md.append(r.bestValAccuracy() == null
                    ? String.format(Locale.ROOT, "- wall time per epoch: %.0f s training, no validation (mean of %d)%n",
                            train, r.epochs().size())
                    : String.format(Locale.ROOT, "- wall time per epoch: %.0f s training + %.0f s validation (mean of %d)%n",
                            train, val, r.epochs().size()));
            r.confusion().ifPresent(c -> md.append(String.format(Locale.ROOT,
                    "- test confusion matrix: TN %,d, FP %,d, FN %,d, TP %,d%n", c.tn(), c.fp(), c.fn(), c.tp())));
            md.append("\n| epoch | train loss | val loss | val acc | train s | val s |\n|---|---|---|---|---|---|\n");
            for (EpochMetrics e : r.epochs()) {
                md.append(e.validated() ? String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.2f%% | %.0f | %.0f |%n", e.epoch(),
                        e.trainLoss(), e.valLoss(), 100 * e.valAccuracy(), e.trainSeconds(), e.valSeconds())
                        : String.format(Locale.ROOT, "| %d | %.4f | — | — | %.0f | — |%n", e.epoch(), e.trainLoss(), e.trainSeconds()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static List<ResultRow> json(List<Run> runs, Optional<Run> baseline) {
        List<ResultRow> out = new ArrayList<>();
        for (Run r : runs) {
            Shift shift = baseline.filter(b -> b != r).flatMap(Run::confusion).flatMap(b ->
                    r.confusion().map(c -> new Shift(c.fp() - b.fp(), c.fn() - b.fn()))).orElse(null);
            out.add(new ResultRow(r.version(), r.label(), r.mainChange(), r.dir().toString(), r.status(),
                    r.summary().gitCommit(), r.compute(), r.glove().map(GloveCoverage::file).orElse(null),
                    r.glove().map(GloveCoverage::matched).orElse(null),
                    r.glove().map(GloveCoverage::matchedPercent).orElse(null), r.epochs().size(), r.bestEpoch(),
                    r.bestValAccuracy(), r.test().map(TestMetrics::accuracy).orElse(null),
                    r.test().map(TestMetrics::rocAuc).orElse(null), r.confusion().orElse(null),
                    shift, r.epochs().stream()
                    .mapToDouble(EpochMetrics::trainSeconds).average().orElse(Double.NaN)));
        }
        return out;
    }

    private static String shift(Run r, Optional<Run> baseline) {
        if (r.confusion().isEmpty() || baseline.isEmpty() || baseline.get() == r) {
            return "—";
        }
        TestMetrics.Confusion b = baseline.get().confusion().orElseThrow();
        TestMetrics.Confusion c = r.confusion().get();
        return String.format(Locale.ROOT, "%+,d / %+,d", c.fp() - b.fp(), c.fn() - b.fn());
    }

    private static String percent(double d) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * d);
    }

    private static String orDash(String s) {
        return s == null ? "not recorded" : s;
    }

    public static DataException noRuns() {
        return new DataException("compare needs at least one run directory");
    }
}
