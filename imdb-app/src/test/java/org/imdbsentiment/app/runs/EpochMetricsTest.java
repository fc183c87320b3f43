package org.imdbsentiment.app.runs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochMetricsTest {
    private static EpochMetrics epoch(int n, double valAccuracy) {
        return new EpochMetrics(n, 10, 0.5, Double.isNaN(valAccuracy) ? Double.NaN : 0.4, valAccuracy, 1, 0);
    }

    @Test
    void theBestEpochIsTheFirstWithTheHighestValidationAccuracy() {
        assertEquals(2, EpochMetrics.best(List.of(epoch(1, 0.80), epoch(2, 0.85), epoch(3, 0.85), epoch(4, 0.81))));
        assertEquals(0, EpochMetrics.best(List.of()));
    }

    @Test
    void aFinalFitKeepsItsLastEpoch() {
        List<EpochMetrics> unvalidated = List.of(epoch(1, Double.NaN), epoch(2, Double.NaN), epoch(3, Double.NaN));
        assertFalse(unvalidated.get(0).validated());
        assertNull(unvalidated.get(0).validatedAccuracy());
        assertEquals(0.85, epoch(2, 0.85).validatedAccuracy());
        assertEquals(3, EpochMetrics.best(unvalidated));
    }

    @Test
    void unvalidatedEpochsSurviveTheCsvRoundTrip() {
        EpochMetrics e = epoch(1, Double.NaN);
        EpochMetrics read = EpochMetrics.parseCsv(List.of(EpochMetrics.CSV_HEADER, e.csv()), "test").get(0);
        assertFalse(read.validated());
        assertTrue(epoch(1, 0.5).validated());
        assertEquals(e.epoch(), read.epoch());
    }
}
