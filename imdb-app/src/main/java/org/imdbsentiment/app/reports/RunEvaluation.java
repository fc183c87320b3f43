package org.imdbsentiment.app.reports;

import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.TestMetrics;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's evaluation on the test set into its directory: {@code test-metrics.json},
 * {@code test-predictions.csv}, {@code errors.md} (the most confident mistakes),
 * {@code learning-curves.png} and {@code confusion-matrix.png}.
 */
public final class RunEvaluation {
    static final int ERRORS_PER_KIND = 10;

    private RunEvaluation() {
    }

    /**
     * @param complete whether {@code scored} is the whole test set, scored by the model of a finished run
     */
    public static TestMetrics write(RunDirectory run, String version, List<ScoredReview> scored, Map<String, String> texts,
                                    List<EpochMetrics> epochs, int bestEpoch, double seconds, boolean complete)
            throws IOException {
        ClassificationReport report = ClassificationReport.of(scored);
        boolean known = bestEpoch > 0 && bestEpoch <= epochs.size();
        TestMetrics metrics = TestMetrics.of(version, report, known ? bestEpoch : null,
                known ? epochs.get(bestEpoch - 1).validatedAccuracy() : null, seconds, complete);
        run.writeTestMetrics(metrics);

        StringBuilder csv = new StringBuilder("id,label,probability\n");
        scored.forEach(r -> csv.append(r.id()).append(',').append(r.label().folder()).append(',')
                .append(String.format(Locale.ROOT, "%.6f", r.probability())).append('\n'));
        run.writeText(RunDirectory.TEST_PREDICTIONS, csv.toString());

        run.writeText(RunDirectory.ERRORS, ErrorAnalysis.select(scored, ERRORS_PER_KIND)
                .markdown("Most confident mistakes of " + version + " (" + run.name() + ")", texts));
        if (!epochs.isEmpty()) {
            Plots.learningCurves(version + ": learning curves", epochs, run.resolve(RunDirectory.LEARNING_CURVES));
        }
        Plots.confusionMatrix(String.format(Locale.ROOT, "%s: test accuracy %.2f%%", version, 100 * metrics.accuracy()),
                report.counts(), run.resolve(RunDirectory.CONFUSION_MATRIX));
        return metrics;
    }
}
