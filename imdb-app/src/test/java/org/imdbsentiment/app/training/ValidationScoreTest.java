package org.imdbsentiment.app.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationScoreTest {
    @Test
    void withoutValidationEachEpochScoresItsNumberSoTheLastIsBestAndPatienceNeverEnds() {
        ValidationScore fresh = ValidationScore.none(0);
        assertEquals(1, fresh.calculateScore(null));
        assertEquals(2, fresh.calculateScore(null));
        assertTrue(fresh.last().isEmpty());
        assertFalse(fresh.minimizeScore());

        PatienceCondition patience = new PatienceCondition(1, 0, 0, Double.NEGATIVE_INFINITY);
        ValidationScore score = ValidationScore.none(0);
        for (int epoch = 1; epoch <= 5; epoch++) {
            assertFalse(patience.terminate(epoch - 1, score.calculateScore(null), false), "epoch " + epoch);
        }
    }

    @Test
    void aResumedFinalFitCountsOnFromItsCompletedEpochs() {
        // the checkpoint's best score is its last epoch's number: the next epoch must beat it
        assertEquals(4, ValidationScore.none(3).calculateScore(null));
    }
}
