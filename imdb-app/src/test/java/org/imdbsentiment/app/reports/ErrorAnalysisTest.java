package org.imdbsentiment.app.reports;

import org.imdbsentiment.model.ScoredReview;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.imdbsentiment.data.Sentiment.NEGATIVE;
import static org.imdbsentiment.data.Sentiment.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorAnalysisTest {
    private static final List<ScoredReview> SCORED = List.of(
            new ScoredReview("n1", NEGATIVE, 0.70), new ScoredReview("n2", NEGATIVE, 0.99),
            new ScoredReview("n3", NEGATIVE, 0.10), new ScoredReview("n4", NEGATIVE, 0.99),
            new ScoredReview("n5", NEGATIVE, 0.51),
            new ScoredReview("p1", POSITIVE, 0.30), new ScoredReview("p2", POSITIVE, 0.01),
            new ScoredReview("p3", POSITIVE, 0.95), new ScoredReview("p4", POSITIVE, 0.45));

    @Test
    void mostConfidentMistakesFirstTiesByIdAndNoCorrectOnes() {
        ErrorAnalysis e = ErrorAnalysis.select(SCORED, 3);
        assertEquals(List.of("n2", "n4", "n1"), e.falsePositives().stream().map(ScoredReview::id).toList());
        assertEquals(List.of("p2", "p1", "p4"), e.falseNegatives().stream().map(ScoredReview::id).toList());
        assertEquals(4, ErrorAnalysis.select(SCORED, 10).falsePositives().size());
    }

    @Test
    void markdownShowsIdProbabilityAndACleanExcerpt() {
        String md = ErrorAnalysis.select(SCORED, 1).markdown("Mistakes", Map.of(
                "n2", "Terrible.<br /><br />A | bar", "p2", "x".repeat(500)));
        assertTrue(md.contains("| 1 | `n2` | 0.9900 | Terrible. A \\| bar |"), md);
        assertTrue(md.contains("| 1 | `p2` | 0.0100 | " + "x".repeat(ErrorAnalysis.EXCERPT_CHARS) + "… |"), md);
    }
}
