package org.imdbsentiment.model;

import org.imdbsentiment.data.Sentiment;

/**
 * A model's scores on the test set: what a run's {@code test-metrics.json} holds and what a model
 * bundle carries. Fields are written in this order (snake_case in JSON), so identical evaluations
 * give identical files.
 *
 * @param version         the run's version
 * @param reviews         test reviews scored
 * @param accuracy        share of correct decisions at {@code p > 0.5}
 * @param loss            mean binary cross-entropy
 * @param rocAuc          area under the ROC curve (ties counted half)
 * @param confusionMatrix the decisions' counts
 * @param negative        precision, recall and F1 of the negative class
 * @param positive        the same for the positive class
 * @param bestEpoch       the epoch whose model was evaluated (null if unknown)
 * @param bestValAccuracy its validation accuracy (null if unknown)
 * @param seconds         wall time of the evaluation
 * @param complete        false when only part of the test set was scored (a batch cap) or the
 *                        run had not finished: such numbers are not the model's test result
 */
public record TestMetrics(String version, long reviews, double accuracy, double loss, double rocAuc,
                          Confusion confusionMatrix, ClassScores negative, ClassScores positive, Integer bestEpoch,
                          Double bestValAccuracy, double seconds, Boolean complete) {

    /** Counts of decisions, positive = 1. */
    public record Confusion(long tn, long fp, long fn, long tp) {
    }

    /** One class's precision, recall and F1. */
    public record ClassScores(double precision, double recall, double f1) {
    }

    public static TestMetrics of(String version, ClassificationReport report, Integer bestEpoch, Double bestValAccuracy,
                                 double seconds, boolean complete) {
        BinaryEvaluation c = report.counts();
        return new TestMetrics(version, c.count(), c.accuracy(), c.loss(), report.rocAuc(),
                new Confusion(c.tn(), c.fp(), c.fn(), c.tp()), scores(report, Sentiment.NEGATIVE),
                scores(report, Sentiment.POSITIVE), bestEpoch, bestValAccuracy, seconds, complete);
    }

    private static ClassScores scores(ClassificationReport r, Sentiment s) {
        return new ClassScores(r.precision(s), r.recall(s), r.f1(s));
    }

    /** Whether these are the whole test set's scores of a finished run (files written before the field existed: yes). */
    public boolean isComplete() {
        return complete == null || complete;
    }
}
