package org.imdbsentiment.model;

import org.imdbsentiment.data.Sentiment;

import java.util.Arrays;
import java.util.List;

/**
 * Everything the study reports about a classifier on a labelled set: the confusion matrix and loss
 * ({@link BinaryEvaluation}), precision, recall and F1 for each class, and the area under the ROC
 * curve.
 *
 * @param counts the confusion matrix and mean binary cross-entropy
 * @param rocAuc the probability that a random positive review scores higher than a random negative
 *               one, ties counting one half (Mann-Whitney); NaN when a class is absent
 */
public record ClassificationReport(BinaryEvaluation counts, double rocAuc) {

    public static ClassificationReport of(List<ScoredReview> scored) {
        return new ClassificationReport(BinaryEvaluation.of(scored), rocAuc(scored));
    }

    /** Of the reviews predicted {@code c}, the share that are {@code c}; NaN when none is predicted {@code c}. */
    public double precision(Sentiment c) {
        long predicted = c == Sentiment.POSITIVE ? counts.tp() + counts.fp() : counts.tn() + counts.fn();
        return ratio(truePositives(c), predicted);
    }

    /** Of the reviews that are {@code c}, the share predicted {@code c}; NaN when there are none. */
    public double recall(Sentiment c) {
        long actual = c == Sentiment.POSITIVE ? counts.tp() + counts.fn() : counts.tn() + counts.fp();
        return ratio(truePositives(c), actual);
    }

    /** Harmonic mean of precision and recall; 0 when both are 0, NaN when either is undefined. */
    public double f1(Sentiment c) {
        double p = precision(c);
        double r = recall(c);
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private long truePositives(Sentiment c) {
        return c == Sentiment.POSITIVE ? counts.tp() : counts.tn();
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    /** Mann-Whitney U / (P * N), with average ranks for tied probabilities. */
    static double rocAuc(List<ScoredReview> scored) {
        int n = scored.size();
        double[] p = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = scored.get(i).probability();
            positive[i] = scored.get(i).label() == Sentiment.POSITIVE;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks from 1
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
