package org.imdbsentiment.app.training;

import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.TeacherTargets;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The teacher's labels as a run keeps them, and which teachers a run may learn from. */
class PseudoLabelsTest {
    private static ExperimentConfig config(String validationSize, String seed) {
        return ExperimentConfig.of(Map.of("validation-size", validationSize, "seed", seed));
    }

    @Test
    void aValidatedRunTakesOnlyATeacherThatHeldOutTheSameReviews() {
        assertDoesNotThrow(() -> PseudoLabels.checkTeacher(config("5000", "42"), config("5000", "42"), "t"));
        for (ExperimentConfig teacher : List.of(config("0", "42"), config("5000", "1"), config("4000", "42"))) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> PseudoLabels.checkTeacher(config("5000", "42"), teacher, "t"));
            assertTrue(e.getMessage().startsWith("teacher t trained on this run's validation reviews"), e.getMessage());
        }
        // a final fit validates on nothing
        for (ExperimentConfig teacher : List.of(config("0", "42"), config("5000", "1"))) {
            assertDoesNotThrow(() -> PseudoLabels.checkTeacher(config("0", "42"), teacher, "t"));
        }
    }

    /** A run directory holding saved labels, and unlabelled reviews 0_0.txt and 1_0.txt. */
    private static RunDirectory savedRun(Path tmp, String labels) throws IOException {
        Path unsup = Files.createDirectories(tmp.resolve("unsup/aclImdb/train/unsup"));
        Files.writeString(unsup.resolve("0_0.txt"), "great");
        Files.writeString(unsup.resolve("1_0.txt"), "awful");
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), "v1");
        run.writeText(RunDirectory.PSEUDO_LABELS, labels);
        return run;
    }

    @Test
    void aResumedRunReadsItsSavedLabelsWithoutAskingTheTeacher(@TempDir Path tmp) throws IOException {
        // the teacher does not exist: only the saved file can have given these labels
        RunDirectory run = savedRun(tmp, "review,probability_positive,label\nunsup/0_0.txt,0.1,neg\nunsup/1_0.txt,0.9,pos\n");
        ExperimentConfig config = ExperimentConfig.of(Map.of("teacher", tmp.resolve("gone.zip").toString(),
                "unsup", tmp.resolve("unsup").toString()));
        PseudoLabels.Taught taught = PseudoLabels.forRun(config, run, tmp, true, Progress.Factory.NONE);
        List<Review> reviews = taught.reviews();
        assertEquals(List.of("unsup/0_0.txt", "unsup/1_0.txt"), reviews.stream().map(Review::id).toList());
        assertEquals(List.of(Sentiment.NEGATIVE, Sentiment.POSITIVE), reviews.stream().map(Review::label).toList());
        assertEquals(List.of("great", "awful"), reviews.stream().map(Review::text).toList());
        assertArrayEquals(new double[] {0.1, 0.9}, taught.probabilities());

        // encoded for training: towards the labels, or towards the teacher's probabilities
        SentimentPipeline pipeline = SentimentPipeline.of(ExperimentConfig.defaults(), Vocabulary.of(List.of("great")));
        assertEquals(Arrays.asList(null, null), TrainingRun.taught(TeacherTargets.LABELS, pipeline, taught).stream()
                .map(EncodedReview::target).toList());
        assertEquals(List.of(0.1, 0.9), TrainingRun.taught(TeacherTargets.PROBABILITIES, pipeline, taught).stream()
                .map(EncodedReview::target).toList());
    }

    @Test
    void savedLabelsOfOtherReviewsAreRefused(@TempDir Path tmp) throws IOException {
        ExperimentConfig config = ExperimentConfig.of(Map.of("teacher", tmp.resolve("gone.zip").toString(),
                "unsup", tmp.resolve("unsup").toString()));
        RunDirectory renamed = savedRun(tmp.resolve("a"), "review,probability_positive,label\nunsup/0_0.txt,0.1,neg\n"
                + "unsup/7_0.txt,0.9,pos\n");
        DataException e = assertThrows(DataException.class, () -> PseudoLabels.forRun(config.with(Map.of("unsup",
                tmp.resolve("a/unsup").toString())), renamed, tmp, true, Progress.Factory.NONE));
        assertTrue(e.getMessage().contains("line 3 does not name unsup/1_0.txt"), e.getMessage());
        RunDirectory shorter = savedRun(tmp.resolve("b"), "review,probability_positive,label\nunsup/0_0.txt,0.1,neg\n");
        e = assertThrows(DataException.class, () -> PseudoLabels.forRun(config.with(Map.of("unsup",
                tmp.resolve("b/unsup").toString())), shorter, tmp, true, Progress.Factory.NONE));
        assertTrue(e.getMessage().contains("does not label the 2 unlabelled reviews given"), e.getMessage());
    }
}
