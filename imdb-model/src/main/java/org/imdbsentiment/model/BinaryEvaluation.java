package org.imdbsentiment.model;

import org.imdbsentiment.data.Sentiment;

import java.util.List;

/**
 * Counts of a binary classifier's decisions (positive = 1) and its mean binary cross-entropy.
 *
 * @param tn   negatives predicted negative
 * @param fp   negatives predicted positive
 * @param fn   positives predicted negative
 * @param tp   positives predicted positive
 * @param loss mean binary cross-entropy over the examples
 */
public record BinaryEvaluation(long tn, long fp, long fn, long tp, double loss) {
    /** Probabilities are clipped away from 0 and 1 before the logarithm. */
    private static final double EPS = 1e-7;

    public static BinaryEvaluation of(List<ScoredReview> scored) {
        long tn = 0, fp = 0, fn = 0, tp = 0;
        double lossSum = 0;
        for (ScoredReview r : scored) {
            boolean positive = r.label() == Sentiment.POSITIVE;
            boolean predicted = r.predicted() == Sentiment.POSITIVE;
            if (positive) {
                if (predicted) tp++; else fn++;
            } else {
                if (predicted) fp++; else tn++;
            }
            double q = Math.min(1 - EPS, Math.max(EPS, r.probability()));
            lossSum -= positive ? Math.log(q) : Math.log(1 - q);
        }
        return new BinaryEvaluation(tn, fp, fn, tp, scored.isEmpty() ? Double.NaN : lossSum / scored.size());
    }

    public long count() {
        return tn + fp + fn + tp;
    }

    public double accuracy() {
        return count() == 0 ? Double.NaN : (double) (tp + tn) / count();
    }

    @Override
    public String toString() {
        return String.format("accuracy %.2f%% (TN %d, FP %d, FN %d, TP %d), loss %.4f",
                100 * accuracy(), tn, fp, fn, tp, loss);
    }
}
