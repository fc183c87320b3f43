package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.runs.RunBundle;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.model.bundle.ModelBundle;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which trained model a command uses: a bundle file, or a run directory. Exactly one is required. */
final class ModelChoice {
    @Option(names = "--model", paramLabel = "<model.zip>", description = "a model bundle (a run's model.zip)")
    Path model;

    @Option(names = "--run", paramLabel = "<run-dir>", description = "a run directory (its model.zip, or its best "
            + "model, vocabulary and settings for runs made before bundles)")
    Path run;

    ModelBundle load() {
        if (model == null) {
            return RunBundle.load(RunDirectory.existing(run));
        }
        // --model names a file; a run directory is --run's (ModelBundle refuses a directory)
        return Files.isDirectory(model) ? ModelBundle.read(model) : RunBundle.read(model);
    }

    Optional<RunDirectory> runDirectory() {
        return run == null ? Optional.empty() : Optional.of(RunDirectory.existing(run));
    }
}
