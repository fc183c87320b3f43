package org.imdbsentiment.app.training;

import org.imdbsentiment.app.cli.CliRunner;
import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.config.Settings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * workers > 1: one run trained by DL4J's ParallelWrapper, with the same epochs, files and bundle as a
 * single-thread run.
 */
class ParallelTrainingTest {

    @ParameterizedTest
    @ValueSource(strings = {"averaging", "shared-gradients"})
    void twoWorkersTrainOneRunWithTheUsualRecords(String mode, @TempDir Path tmp) throws Exception {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        Path run = CliRunner.trainMini(data, tmp.resolve("runs"), "--workers", "2", "--parallel-mode", mode, "--epochs", "3",
                "--patience", "5");
        RunDirectory dir = RunDirectory.existing(run);
        List<EpochMetrics> epochs = dir.epochs();
        assertEquals(3, epochs.size());
        int batches = (80 - 16 + 7) / 8; // 64 training reviews in minibatches of 8, shared by the two workers
        for (EpochMetrics e : epochs) {
            assertEquals(batches, e.batches(), "every minibatch of the epoch trained once, by one worker");
            assertTrue(Double.isFinite(e.trainLoss()) && e.trainLoss() > 0, "train loss " + e.trainLoss());
        }
        assertNotEquals(epochs.get(0).trainLoss(), epochs.get(2).trainLoss());
        assertEquals(2, dir.config().get(Settings.WORKERS));
        ModelBundle bundle = ModelBundle.read(run.resolve(RunDirectory.MODEL_BUNDLE));
        assertEquals(2, bundle.config().get(Settings.WORKERS));
        assertTrue(dir.testMetrics().orElseThrow().accuracy() > 0);
    }
}
