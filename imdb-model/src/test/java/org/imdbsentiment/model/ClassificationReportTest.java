package org.imdbsentiment.model;

import org.imdbsentiment.data.Sentiment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.imdbsentiment.data.Sentiment.NEGATIVE;
import static org.imdbsentiment.data.Sentiment.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationReportTest {
    private static ScoredReview r(String id, Sentiment label, double p) {
        return new ScoredReview(id, label, p);
    }

    @Test
    void countsPrecisionRecallAndF1ByHand() {
        // 3 positives: 2 found (0.9, 0.6), 1 missed (0.4); 3 negatives: 1 false alarm (0.7), 2 right.
        ClassificationReport report = ClassificationReport.of(List.of(
                r("a", POSITIVE, 0.9), r("b", POSITIVE, 0.6), r("c", POSITIVE, 0.4),
                r("d", NEGATIVE, 0.7), r("e", NEGATIVE, 0.2), r("f", NEGATIVE, 0.1)));
        BinaryEvaluation c = report.counts();
        assertEquals(new BinaryEvaluation(2, 1, 1, 2, c.loss()), c);
        assertEquals(4.0 / 6, c.accuracy(), 1e-12);
        assertEquals(2.0 / 3, report.precision(POSITIVE), 1e-12);
        assertEquals(2.0 / 3, report.recall(POSITIVE), 1e-12);
        assertEquals(2.0 / 3, report.f1(POSITIVE), 1e-12);
        assertEquals(2.0 / 3, report.precision(NEGATIVE), 1e-12);
        // Pairs (positive, negative) ranked right: 0.9 beats all 3, 0.6 beats 2, 0.4 beats 2 -> 7 of 9.
        assertEquals(7.0 / 9, report.rocAuc(), 1e-12);
        double loss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.4) + Math.log(0.3) + Math.log(0.8) + Math.log(0.9)) / 6;
        assertEquals(loss, c.loss(), 1e-9);
    }

    @Test
    void tiedProbabilitiesCountOneHalfInTheAuc() {
        ClassificationReport report = ClassificationReport.of(List.of(
                r("a", POSITIVE, 0.8), r("b", POSITIVE, 0.5), r("c", NEGATIVE, 0.5), r("d", NEGATIVE, 0.2)));
        // 0.8 > 0.5, 0.8 > 0.2, 0.5 = 0.5 (half), 0.5 > 0.2 -> 3.5 of 4.
        assertEquals(0.875, report.rocAuc(), 1e-12);
        ClassificationReport allTied = ClassificationReport.of(List.of(
                r("a", POSITIVE, 0.5), r("b", NEGATIVE, 0.5), r("c", NEGATIVE, 0.5)));
        assertEquals(0.5, allTied.rocAuc(), 1e-12);
    }

    @Test
    void aClassNeverPredictedHasUndefinedPrecisionAndZeroRecall() {
        ClassificationReport report = ClassificationReport.of(List.of(
                r("a", POSITIVE, 0.3), r("b", POSITIVE, 0.1), r("c", NEGATIVE, 0.2)));
        assertTrue(Double.isNaN(report.precision(POSITIVE)));
        assertEquals(0.0, report.recall(POSITIVE));
        assertTrue(Double.isNaN(report.f1(POSITIVE)));
        assertEquals(1.0 / 3, report.precision(NEGATIVE), 1e-12);
        assertEquals(1.0, report.recall(NEGATIVE));
        assertEquals(0.5, report.f1(NEGATIVE), 1e-12);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertTrue(Double.isNaN(ClassificationReport.of(List.of(r("a", POSITIVE, 0.3))).rocAuc()));
    }

    @Test
    void exactlyOneHalfIsNegative() {
        assertEquals(NEGATIVE, r("a", POSITIVE, 0.5).predicted());
        assertEquals(POSITIVE, r("a", POSITIVE, 0.5000001).predicted());
    }
}
