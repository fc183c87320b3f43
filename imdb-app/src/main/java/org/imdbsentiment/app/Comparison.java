package org.imdbsentiment.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.model.ConfigKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads several run directories and writes the side-by-side comparison: {@code results.md} (the
 * table, then each run's provenance and epochs), {@code results.json}, {@code validation-curves.png}
 * (the runs' validation accuracy overlaid), and a copy of each run's charts. Unfinished runs are
 * shown with the epochs they completed.
 */
final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What is known of one run. */
    record Run(Path dir, String version, String embedding, String padding, String status, String commit,
               String command, String machine, List<EpochMetrics> epochs, Integer bestEpoch, Double bestValAccuracy,
               Double testAccuracy, Double rocAuc, Long tn, Long fp, Long fn, Long tp, Double gloveMatchedPercent,
               Integer gloveMatched, Integer vocabularySize, String gloveFile, String started, String finished,
               String termination, String compute, String label) {

        String mainChange() {
            String words = switch (embedding) {
                case "scratch" -> "embeddings learned from scratch";
                case "glove-trainable" -> "GloVe init, trainable";
                case "glove-frozen" -> "GloVe, frozen";
                default -> embedding;
            };
            if ("naive".equals(padding)) {
                String naive = "no mask: padded to max length, last padded step";
                return "scratch".equals(embedding) ? naive : naive + "; " + words;
            }
            return words;
        }
    }

    private Comparison() {
    }

    static Run read(Path dir) throws IOException {
        RunDirectory.existing(dir);
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(RunDirectory.CONFIG))) {
            config.load(in);
        }
        JsonNode summary = readJson(dir.resolve(RunDirectory.SUMMARY)).orElse(JSON.createObjectNode());
        JsonNode metrics = readJson(dir.resolve(RunDirectory.TEST_METRICS)).orElse(null);
        JsonNode glove = readJson(dir.resolve(RunDirectory.GLOVE_COVERAGE)).orElse(null);
        List<EpochMetrics> epochs = Files.isRegularFile(dir.resolve(RunDirectory.EPOCHS))
                ? EpochMetrics.parseCsv(Files.readAllLines(dir.resolve(RunDirectory.EPOCHS))) : List.of();
        Integer best = summary.has("best_epoch") ? summary.get("best_epoch").asInt() : bestOf(epochs);
        Double bestVal = best == null ? null : epochs.get(best - 1).valAccuracy();
        JsonNode cm = metrics == null ? null : metrics.get("confusion_matrix");
        return new Run(dir, config.getProperty("version", "?"), config.getProperty("embedding", "scratch"),
                config.getProperty("padding", "masked"), text(summary, "status"), text(summary, "git_commit"),
                text(summary, "command"), summary.has("machine") ? machine(summary.get("machine")) : null, epochs, best,
                bestVal, number(metrics, "accuracy"), number(metrics, "roc_auc"), count(cm, "tn"), count(cm, "fp"),
                count(cm, "fn"), count(cm, "tp"), number(glove, "matched_percent"),
                glove == null ? null : glove.get("matched").asInt(),
                glove == null ? null : glove.get("vocabulary_size").asInt(),
                glove == null ? null : glove.get("file").asText(), text(summary, "started"), text(summary, "finished"),
                text(summary, "termination"), compute(summary, config), label(config));
    }

    /**
     * The version, with the embedding and the seed appended where the run changed them from its
     * version's own (a naive run on frozen GloVe: {@code naive-glove-frozen}; v1 with seed 1:
     * {@code v1-seed1}). Names the run in the table, the curves and the copied charts.
     */
    private static String label(Properties config) {
        String version = config.getProperty("version", "?");
        Map<String, String> own;
        try {
            own = Settings.versionSettings(version);
        } catch (RuntimeException e) {
            own = Map.of();
        }
        String label = version;
        for (ConfigKey k : List.of(ConfigKey.EMBEDDING, ConfigKey.SEED)) {
            String value = config.getProperty(k.key(), k.defaultValue());
            if (!value.equals(own.getOrDefault(k.key(), k.defaultValue()))) {
                label += k == ConfigKey.SEED ? "-seed" + value : "-" + value;
            }
        }
        return label;
    }

    /**
     * Backend, threads and LSTM implementation. Runs from before the {@code lstm} setting existed
     * used DL4J's own layer.
     */
    private static String compute(JsonNode summary, Properties config) {
        String backend = summary.hasNonNull("backend") ? summary.get("backend").asText() : "backend not recorded";
        String threads = summary.hasNonNull("threads") ? summary.get("threads").asText() : "?";
        return backend + ", " + threads + " thread(s), lstm " + config.getProperty("lstm", "dl4j");
    }

    /** The first epoch with the highest validation accuracy: early stopping's choice. */
    static Integer bestOf(List<EpochMetrics> epochs) {
        Integer best = null;
        double acc = -1;
        for (EpochMetrics e : epochs) {
            if (e.valAccuracy() > acc) {
                acc = e.valAccuracy();
                best = e.epoch();
            }
        }
        return best;
    }

    static void write(List<Path> runDirs, Path output, String regenerate) throws IOException {
        write(runDirs, output, regenerate, List.of());
    }

    /** As above, with notes (from whoever compares) listed under the table. */
    static void write(List<Path> runDirs, Path output, String regenerate, List<String> notes) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Path d : runDirs) {
            runs.add(read(d));
        }
        Files.createDirectories(output);
        Optional<Run> baseline = runs.stream().filter(r -> r.version().equals("v1") && r.fp() != null).findFirst();
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

    static String markdown(List<Run> runs, Optional<Run> baseline, String regenerate, List<String> notes) {
        StringBuilder md = new StringBuilder("# Results\n\n");
        md.append("Generated by `compare` from the run directories listed below; not edited by hand. Regenerate with:\n\n")
                .append("```bash\n").append(regenerate).append("\n```\n\n");
        md.append("| version | main change | GloVe coverage | epochs | best val acc | test acc | ROC AUC | FP | FN | FP / FN vs v1 |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            md.append("| ").append(r.label()).append(" | ").append(r.mainChange()).append(" | ")
                    .append(r.gloveMatched() == null ? "—" : String.format(Locale.ROOT, "%,d / %,d (%.2f%%)",
                            r.gloveMatched(), r.vocabularySize(), r.gloveMatchedPercent()))
                    .append(" | ").append(r.epochs().size()).append(r.status() != null && !r.status().equals("finished") ? " (" + r.status() + ")" : "")
                    .append(" | ").append(percent(r.bestValAccuracy()))
                    .append(r.bestEpoch() == null ? "" : " (epoch " + r.bestEpoch() + ")")
                    .append(" | ").append(percent(r.testAccuracy()))
                    .append(" | ").append(r.rocAuc() == null ? "—" : String.format(Locale.ROOT, "%.4f", r.rocAuc()))
                    .append(" | ").append(r.fp() == null ? "—" : String.format(Locale.ROOT, "%,d", r.fp()))
                    .append(" | ").append(r.fn() == null ? "—" : String.format(Locale.ROOT, "%,d", r.fn()))
                    .append(" | ").append(shift(r, baseline)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\nNotes:\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append("\nReference (the PyTorch study): v1 83.08% best val / 81.91% test; v2 86.68% / 84.48%; ")
                .append("v3 84.96% / 83.62%; naive padding ≈ 51%. Its v2 confusion matrix: TN 10,685, FP 1,815, FN 2,066, TP 10,434.\n\n");
        md.append("![validation accuracy per epoch](validation-curves.png)\n\n");
        for (Run r : runs) {
            md.append("## ").append(r.label()).append(": ").append(r.mainChange()).append("\n\n");
            md.append("- run directory: `").append(r.dir()).append("`\n");
            md.append("- status: ").append(orDash(r.status()))
                    .append(r.termination() == null ? "" : " (" + r.termination() + ")").append('\n');
            md.append("- command: `").append(orDash(r.command())).append("`\n");
            md.append("- git commit: `").append(orDash(r.commit())).append("`\n");
            md.append("- machine: ").append(orDash(r.machine())).append('\n');
            md.append("- compute: ").append(r.compute()).append('\n');
            md.append("- started ").append(orDash(r.started())).append(", finished ").append(orDash(r.finished())).append('\n');
            if (r.gloveFile() != null) {
                md.append("- GloVe file: `").append(r.gloveFile()).append("`\n");
            }
            double train = r.epochs().stream().mapToDouble(EpochMetrics::trainSeconds).average().orElse(Double.NaN);
            double val = r.epochs().stream().mapToDouble(EpochMetrics::valSeconds).average().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "- wall time per epoch: %.0f s training + %.0f s validation (mean of %d)%n",
                    train, val, r.epochs().size()));
            if (r.tn() != null) {
                md.append(String.format(Locale.ROOT, "- test confusion matrix: TN %,d, FP %,d, FN %,d, TP %,d%n",
                        r.tn(), r.fp(), r.fn(), r.tp()));
            }
            md.append("\n| epoch | train loss | val loss | val acc | train s | val s |\n|---|---|---|---|---|---|\n");
            for (EpochMetrics e : r.epochs()) {
                md.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.2f%% | %.0f | %.0f |%n", e.epoch(),
                        e.trainLoss(), e.valLoss(), 100 * e.valAccuracy(), e.trainSeconds(), e.valSeconds()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static List<Map<String, Object>> json(List<Run> runs, Optional<Run> baseline) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", r.version());
            m.put("label", r.label());
            m.put("main_change", r.mainChange());
            m.put("run_directory", r.dir().toString());
            m.put("status", r.status());
            m.put("git_commit", r.commit());
            m.put("compute", r.compute());
            m.put("glove_matched", r.gloveMatched());
            m.put("glove_matched_percent", r.gloveMatchedPercent());
            m.put("epochs", r.epochs().size());
            m.put("best_epoch", r.bestEpoch());
            m.put("best_val_accuracy", r.bestValAccuracy());
            m.put("test_accuracy", r.testAccuracy());
            m.put("roc_auc", r.rocAuc());
            m.put("confusion_matrix", r.tn() == null ? null : Map.of("tn", r.tn(), "fp", r.fp(), "fn", r.fn(), "tp", r.tp()));
            baseline.filter(b -> r.fp() != null && b != r).ifPresent(b ->
                    m.put("shift_vs_v1", Map.of("fp", r.fp() - b.fp(), "fn", r.fn() - b.fn())));
            out.add(m);
        }
        return out;
    }

    private static String shift(Run r, Optional<Run> baseline) {
        if (r.fp() == null || baseline.isEmpty() || baseline.get() == r) {
            return "—";
        }
        Run b = baseline.get();
        return String.format(Locale.ROOT, "%+,d / %+,d", r.fp() - b.fp(), r.fn() - b.fn());
    }

    private static String percent(Double d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.2f%%", 100 * d);
    }

    private static String orDash(String s) {
        return s == null ? "not recorded" : s;
    }

    private static String machine(JsonNode m) {
        return m.path("cpu").asText() + ", " + m.path("cores").asText() + " cores, " + m.path("memory_gib").asText()
                + " GiB, " + m.path("os").asText() + ", " + m.path("java").asText();
    }

    private static Optional<JsonNode> readJson(Path p) throws IOException {
        return Files.isRegularFile(p) ? Optional.of(JSON.readTree(p.toFile())) : Optional.empty();
    }

    private static String text(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Double number(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) && n.get(field).isNumber() ? n.get(field).asDouble() : null;
    }

    private static Long count(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asLong() : null;
    }

    static DataException noRuns() {
        return new DataException("compare needs at least one run directory");
    }
}
