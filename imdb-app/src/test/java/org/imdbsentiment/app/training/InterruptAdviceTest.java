package org.imdbsentiment.app.training;

import org.imdbsentiment.app.runs.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterruptAdviceTest {

    @Test
    void aRunInterruptedBeforeItsFirstCheckpointIsNotToldToResume(@TempDir Path tmp) throws IOException {
        RunDirectory run = RunDirectory.create(tmp, "v1");
        String advice = TrainingRun.interruptAdvice(run);
        assertFalse(advice.contains("--resume " + run.path()), advice);
        assertTrue(advice.contains("nothing to resume"), advice);
        Files.writeString(run.resolve(RunDirectory.CHECKPOINT), "x");
        assertTrue(TrainingRun.interruptAdvice(run).contains("--resume " + run.path()));
    }

    @Test
    void theDefaultV1StepFitsEasilyAndAHugeBatchDoesNot() {
        var v1 = org.imdbsentiment.model.config.ExperimentConfig.defaults();
        long step = MemoryGuard.stepBytes(v1);
        assertTrue(step > 100L << 20 && step < 1L << 30, Long.toString(step));
        var huge = v1.with(java.util.Map.of("batch-size", "1024", "max-length", "4096"));
        assertTrue(MemoryGuard.stepBytes(huge) > 40L << 30);
    }
}
