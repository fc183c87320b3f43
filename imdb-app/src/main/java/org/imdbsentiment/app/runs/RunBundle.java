package org.imdbsentiment.app.runs;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.bundle.Provenance;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.FastLayers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A run directory's model as a {@link ModelBundle}: its best model, vocabulary, settings, provenance
 * and test metrics. A finished run writes it as {@value RunDirectory#MODEL_BUNDLE}; a run made before
 * bundles existed is read the same way from its files.
 */
public final class RunBundle {
    private RunBundle() {
    }

    /** A run directory's model: its model.zip, else (runs made before bundles) its files. */
    public static ModelBundle load(RunDirectory run) {
        Path bundle = run.resolve(RunDirectory.MODEL_BUNDLE);
        return Files.isRegularFile(bundle) ? ModelBundle.read(bundle) : of(run);
    }

    /**
     * A model given by a path: a run directory ({@link #load}), a run's plain {@value RunDirectory#BEST_MODEL} (read
     * with the vocabulary and settings of the run it sits in), or a bundle file.
     */
    public static ModelBundle read(Path path) {
        return runOf(path).map(RunBundle::load).orElseGet(() -> ModelBundle.read(path));
    }

    /** The settings of the model {@link #read} would read, without loading its graph. */
    public static ExperimentConfig configOf(Path path) {
        return runOf(path).map(RunDirectory::config).orElseGet(() -> ModelBundle.readConfig(path));
    }

    /** The run a path names: a run directory, or the directory of a run's plain best-model.zip. */
    private static Optional<RunDirectory> runOf(Path path) {
        if (Files.isDirectory(path)) {
            return Optional.of(RunDirectory.existing(path));
        }
        Path dir = path.toAbsolutePath().getParent();
        boolean plainBestModel = Files.isRegularFile(path) && path.getFileName().toString().equals(RunDirectory.BEST_MODEL)
                && !ModelBundle.isBundle(path) && dir != null && Files.isRegularFile(dir.resolve(RunDirectory.CONFIG));
        return plainBestModel ? Optional.of(RunDirectory.existing(dir)) : Optional.empty();
    }

    /** The bundle a run's files make. */
    public static ModelBundle of(RunDirectory run) {
        ExperimentConfig config = run.config();
        Path best = run.resolve(RunDirectory.BEST_MODEL);
        if (!Files.isRegularFile(best)) {
            throw new DataException("run " + run + " has no " + RunDirectory.BEST_MODEL + " (did it finish an epoch?)");
        }
        var vocabulary = run.vocabulary();
        ComputationGraph graph;
        try {
            graph = FastLayers.upgrade(ComputationGraph.load(best.toFile(), false));
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot load model " + best + ": " + e.getMessage(), e);
        }
        ModelBundle.checkShapes(graph, vocabulary, config, run.toString());
        RunSummary summary = run.summary().orElse(RunSummary.of(b -> { }));
        TestMetrics metrics = run.testMetrics().orElse(null);
        var glove = run.gloveCoverage();
        var teacher = run.teacherLabels();
        Provenance provenance = new Provenance(
                summary.projectVersion() == null ? "unknown" : summary.projectVersion(),
                summary.gitCommit() == null ? "unknown" : summary.gitCommit(), run.name(), Instant.now().toString(),
                config.get(Settings.SEED),
                summary.dataFile() != null ? summary.dataFile() : config.get(Settings.DATA).map(Path::toString).orElse(null),
                summary.dataSha256(), glove.map(GloveCoverage::file).orElse(null),
                glove.map(GloveCoverage::fileSha256).orElse(null), teacher.map(TeacherLabels::teacherFile).orElse(null),
                teacher.map(TeacherLabels::teacherSha256).orElse(null));
        return new ModelBundle(graph, vocabulary, WordTokenizer.NAME, WordTokenizer.RULES_VERSION, config, provenance, metrics);
    }

    /** Writes the run's {@value RunDirectory#MODEL_BUNDLE} and returns its path. */
    public static Path write(RunDirectory run) throws IOException {
        Path file = run.resolve(RunDirectory.MODEL_BUNDLE);
        of(run).write(file);
        return file;
    }
}
