package org.imdbsentiment.model;

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
