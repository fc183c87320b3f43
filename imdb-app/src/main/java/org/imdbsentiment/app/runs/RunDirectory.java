package org.imdbsentiment.app.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.Messages;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The directory of one run, {@code <output>/<version>-<yyyyMMdd-HHmmss>[-n]}: created new, never
 * reused, so no run overwrites another. Every file of a run is read and written here, as a typed
 * record through one JSON mapper ({@link RunSummary}, {@link EpochMetrics}, {@link TestMetrics},
 * {@link GloveCoverage}, the config). Files are written to a temporary name and renamed, so a reader
 * never sees half a file.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.properties";
    public static final String VOCABULARY = "vocab.txt";
    public static final String VALIDATION_IDS = "validation-ids.txt";
    public static final String EPOCHS = "epochs.csv";
    public static final String BEST_MODEL = "best-model.zip";
    public static final String MODEL_BUNDLE = "model.zip";
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String TEST_METRICS = "test-metrics.json";
    public static final String SUMMARY = "run.json";
    public static final String GLOVE_COVERAGE = "glove-coverage.json";
    public static final String TEST_PREDICTIONS = "test-predictions.csv";
    public static final String ERRORS = "errors.md";
    public static final String LEARNING_CURVES = "learning-curves.png";
    public static final String CONFUSION_MATRIX = "confusion-matrix.png";
    /** Self-training: the teacher's labels of the unlabelled reviews, and which teacher made them. */
    public static final String PSEUDO_LABELS = "pseudo-labels.csv";
    public static final String TEACHER = "teacher.json";
    /** The small files that record a run (no model, vocabulary or per-review predictions): what docs/runs keeps. */
    public static final List<String> RECORD_FILES = List.of(CONFIG, SUMMARY, EPOCHS, TEST_METRICS, GLOVE_COVERAGE,
            TEACHER, ERRORS, LEARNING_CURVES, CONFUSION_MATRIX);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /** An existing run directory (to resume, evaluate, predict with, or compare). */
    public static RunDirectory existing(Path path) {
        if (!Files.isDirectory(path)) {
            throw new DataException("run directory not found: " + path);
        }
        if (!Files.isRegularFile(path.resolve(CONFIG))) {
            throw new DataException("not a run directory: " + path + " (it has no " + CONFIG + ")");
        }
        return new RunDirectory(path);
    }

    public static RunDirectory create(Path output, String version) {
        try {
            Files.createDirectories(output);
            String base = version + "-" + LocalDateTime.now().format(STAMP);
            for (int n = 0; ; n++) {
                Path candidate = output.resolve(n == 0 ? base : base + "-" + n);
                try {
                    return new RunDirectory(Files.createDirectory(candidate));
                } catch (FileAlreadyExistsException e) {
                    // another run started in the same second: take the next suffix
                }
            }
        } catch (AccessDeniedException e) {
            throw new DataException("output directory " + output + " is not writable (choose another with --output)", e);
        } catch (IOException e) {
            throw new DataException("cannot create a run directory under " + output + ": " + e, e);
        }
    }

    public Path path() {
        return path;
    }

    /** The directory's name: the run's id. */
    public String name() {
        return path.getFileName().toString();
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    // ---- config ----

    /** The run's resolved settings; keys added since the run was made take the value such runs had. */
    public ExperimentConfig config() {
        try {
            return ExperimentConfig.ofRecorded(recordedSettings());
        } catch (ConfigException e) {
            throw new DataException("cannot read " + resolve(CONFIG) + ": " + e.getMessage(), e);
        }
    }

    /** The settings as {@code config.properties} spells them: only the keys it holds. */
    public Map<String, String> recordedSettings() {
        Path file = resolve(CONFIG);
        try (InputStream in = Files.newInputStream(file)) {
            Properties p = new Properties();
            p.load(in);
            Map<String, String> settings = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> settings.put(k, p.getProperty(k)));
            return settings;
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void writeConfig(ExperimentConfig config) throws IOException {
        StringWriter w = new StringWriter();
        w.write("# Resolved settings of this run, every key included (imdb-sentiment settings lists their meaning).\n");
        config.toSettings().forEach((k, v) -> w.write(k + "=" + v.replace("\\", "\\\\") + "\n"));
        AtomicFiles.writeString(resolve(CONFIG), w.toString());
    }

    // ---- records ----

    public Optional<RunSummary> summary() {
        return readJson(SUMMARY, RunSummary.class);
    }

    public void writeSummary(RunSummary summary) throws IOException {
        writeJson(SUMMARY, summary);
    }

    /** The epochs recorded so far (none before the first ends). */
    public List<EpochMetrics> epochs() {
        Path file = resolve(EPOCHS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return EpochMetrics.parseCsv(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void writeEpochs(List<EpochMetrics> epochs) throws IOException {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        epochs.forEach(e -> csv.append(e.csv()).append('\n'));
        AtomicFiles.writeString(resolve(EPOCHS), csv.toString());
    }

    public Optional<TestMetrics> testMetrics() {
        return readJson(TEST_METRICS, TestMetrics.class);
    }

    public void writeTestMetrics(TestMetrics metrics) throws IOException {
        writeJson(TEST_METRICS, metrics);
    }

    public Optional<GloveCoverage> gloveCoverage() {
        return readJson(GLOVE_COVERAGE, GloveCoverage.class);
    }

    public void writeGloveCoverage(GloveCoverage coverage) throws IOException {
        writeJson(GLOVE_COVERAGE, coverage);
    }

    public Optional<TeacherLabels> teacherLabels() {
        return readJson(TEACHER, TeacherLabels.class);
    }

    public void writeTeacherLabels(TeacherLabels labels) throws IOException {
        writeJson(TEACHER, labels);
    }

    public Vocabulary vocabulary() {
        try {
            return Vocabulary.load(resolve(VOCABULARY));
        } catch (IOException e) {
            throw new DataException("cannot read the vocabulary of " + path + ": " + e.getMessage(), e);
        }
    }

    public void writeText(String name, String text) throws IOException {
        AtomicFiles.writeString(resolve(name), text);
    }

    /**
     * Deletes temporary files that a process killed while writing left behind ({@code .<name>.<uuid>.tmp}):
     * nothing reads them, and a resumed or finished run no longer needs them. Returns how many.
     */
    public int deleteStaleTemporaries() throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.list(path)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(".") && f.endsWith(".tmp") && Files.isRegularFile(p)) {
                    Files.delete(p);
                    n++;
                }
            }
        }
        return n;
    }

    /** The mapper of every JSON file of a run (snake_case, indented, unknown fields ignored). */
    public static ObjectMapper json() {
        return JSON.copy();
    }

    private <T> Optional<T> readJson(String name, Class<T> type) {
        Path file = resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + oneLine(e), e);
        }
    }

    private void writeJson(String name, Object value) throws IOException {
        AtomicFiles.writeString(resolve(name), JSON.writeValueAsString(value) + "\n");
    }

    private static String oneLine(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return Messages.flatten(m);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
