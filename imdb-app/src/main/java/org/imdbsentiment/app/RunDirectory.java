package org.imdbsentiment.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.model.ConfigException;
import org.imdbsentiment.model.ExperimentConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The directory of one run, {@code <output>/<version>-<yyyyMMdd-HHmmss>[-n]}: created new, never
 * reused, so no run overwrites another. Files are written to a temporary name and renamed, so a
 * reader never sees half a file.
 */
final class RunDirectory {
    static final String CONFIG = "config.properties";
    static final String VOCABULARY = "vocab.txt";
    static final String VALIDATION_IDS = "validation-ids.txt";
    static final String EPOCHS = "epochs.csv";
    static final String BEST_MODEL = "best-model.zip";
    static final String TEST_METRICS = "test-metrics.json";
    static final String SUMMARY = "run.json";
    static final String GLOVE_COVERAGE = "glove-coverage.json";
    static final String TEST_PREDICTIONS = "test-predictions.csv";
    static final String ERRORS = "errors.md";
    static final String LEARNING_CURVES = "learning-curves.png";
    static final String CONFUSION_MATRIX = "confusion-matrix.png";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /** An existing run directory (to evaluate again, predict with, or compare). */
    static RunDirectory existing(Path path) {
        if (!Files.isRegularFile(path.resolve(CONFIG))) {
            throw new DataException("not a run directory: " + path + " (no " + CONFIG + ")");
        }
        return new RunDirectory(path);
    }

    static RunDirectory create(Path output, String version) {
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

    /** The run's resolved settings, from its {@code config.properties}. */
    ExperimentConfig readConfig() {
        Path file = resolve(CONFIG);
        try (InputStream in = Files.newInputStream(file)) {
            Properties p = new Properties();
            p.load(in);
            Map<String, String> settings = new LinkedHashMap<>();
            p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
            return ExperimentConfig.of(settings);
        } catch (IOException | ConfigException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    void writeText(String name, String text) throws IOException {
        AtomicFiles.writeString(resolve(name), text);
    }

    void writeJson(String name, Object value) throws IOException {
        writeText(name, JSON.writeValueAsString(value) + "\n");
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
