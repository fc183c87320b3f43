package org.imdbsentiment.app;

import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.model.BinaryEvaluation;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.ScoredReview;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's evaluation on the test set into its directory: {@code test-metrics.json},
 * {@code test-predictions.csv}, {@code errors.md} (the most confident mistakes),
 * {@code learning-curves.png} and {@code confusion-matrix.png}.
 */
final class RunEvaluation {
    static final int ERRORS_PER_KIND = 10;

    private RunEvaluation() {
    }

    static ClassificationReport write(RunDirectory run, String version, List<ScoredReview> scored,
                                      Map<String, String> texts, List<EpochMetrics> epochs, int bestEpoch,
                                      double seconds) throws IOException {
        ClassificationReport report = ClassificationReport.of(scored);
        BinaryEvaluation c = report.counts();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("version", version);
        metrics.put("reviews", c.count());
        metrics.put("accuracy", c.accuracy());
        metrics.put("loss", c.loss());
        metrics.put("roc_auc", report.rocAuc());
        metrics.put("confusion_matrix", Map.of("tn", c.tn(), "fp", c.fp(), "fn", c.fn(), "tp", c.tp()));
        for (Sentiment s : Sentiment.values()) {
            metrics.put(s.name().toLowerCase(Locale.ROOT), Map.of(
                    "precision", report.precision(s), "recall", report.recall(s), "f1", report.f1(s)));
        }
        if (bestEpoch > 0 && bestEpoch <= epochs.size()) {
            metrics.put("best_epoch", bestEpoch);
            metrics.put("best_val_accuracy", epochs.get(bestEpoch - 1).valAccuracy());
        }
        metrics.put("seconds", seconds);
        run.writeJson(RunDirectory.TEST_METRICS, metrics);

        StringBuilder csv = new StringBuilder("id,label,probability\n");
        scored.forEach(r -> csv.append(r.id()).append(',').append(r.label().folder()).append(',')
                .append(String.format(Locale.ROOT, "%.6f", r.probability())).append('\n'));
        run.writeText(RunDirectory.TEST_PREDICTIONS, csv.toString());

        run.writeText(RunDirectory.ERRORS, ErrorAnalysis.select(scored, ERRORS_PER_KIND)
                .markdown("Most confident mistakes of " + version + " (" + run.path().getFileName() + ")", texts));
        if (!epochs.isEmpty()) {
            Plots.learningCurves(version + ": learning curves", epochs, run.resolve(RunDirectory.LEARNING_CURVES));
        }
        Plots.confusionMatrix(String.format(Locale.ROOT, "%s: test accuracy %.2f%%", version, 100 * c.accuracy()), c,
                run.resolve(RunDirectory.CONFUSION_MATRIX));
        return report;
    }
}
