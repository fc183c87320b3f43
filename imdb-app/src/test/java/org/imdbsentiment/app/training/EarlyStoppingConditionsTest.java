package org.imdbsentiment.app.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The early-stopping conditions decide from the scores DL4J passes them and their own state: no
 * listener has to run first, and a resumed run starts them where it stopped.
 */
class EarlyStoppingConditionsTest {

    @Test
    void patienceStopsAfterThatManyEpochsWithoutABetterScoreFromScoresAlone() {
        PatienceCondition p = new PatienceCondition(3, 0, 0, 0);
        double[] scores = {0.70, 0.80, 0.79, 0.80, 0.78};
        boolean[] stops = new boolean[scores.length];
        for (int e = 0; e < scores.length; e++) {
            stops[e] = p.terminate(e, scores[e], false);
        }
        // Best at epoch 2 (an equal score is no improvement): epochs 3, 4, 5 bring nothing better.
        assertFalse(stops[2]);
        assertFalse(stops[3]);
        assertTrue(stops[4]);
    }

    @Test
    void aResumedRunKeepsItsPatience() {
        // Five epochs done, the best was epoch 3: one more epoch without improvement exhausts patience 3.
        PatienceCondition resumed = new PatienceCondition(3, 5, 3, 0.86);
        assertFalse(resumed.exhausted(5));
        assertTrue(resumed.terminate(0, 0.85, false));
        PatienceCondition improving = new PatienceCondition(3, 5, 3, 0.86);
        assertFalse(improving.terminate(0, 0.87, false));
        assertFalse(improving.terminate(1, 0.87, false));
        assertFalse(improving.terminate(2, 0.87, false));
        assertTrue(improving.terminate(3, 0.87, false));
    }

    @Test
    void initializeStartsAgainFromTheStateTheConditionWasGiven() {
        PatienceCondition p = new PatienceCondition(2, 4, 4, 0.9);
        p.terminate(0, 0.95, false);
        p.initialize();
        assertTrue(p.exhausted(6));
    }

    @Test
    void theEpochLimitCountsFromTheRunsStart() {
        EpochLimit fresh = new EpochLimit(3, 0);
        assertFalse(fresh.terminate(1, 0, false));
        assertTrue(fresh.terminate(2, 0, false));
        EpochLimit resumed = new EpochLimit(3, 2);
        assertTrue(resumed.terminate(0, 0, false));
        assertEquals("EpochLimit(3 epochs)", resumed.toString());
    }
}
