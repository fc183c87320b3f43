package org.imdbsentiment.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Scores a graph on masked review batches: decisions at {@code p > 0.5} and the mean binary
 * cross-entropy, in one forward pass per batch.
 */
public final class Evaluator {
    /** Probabilities are clipped away from 0 and 1 before the logarithm. */
    private static final double EPS = 1e-7;

    private Evaluator() {
    }

    /** Evaluates one pass of {@code batches} (reset first), at most {@code maxBatches} of them (0: all). */
    public static BinaryEvaluation evaluate(ComputationGraph graph, DataSetIterator batches, int maxBatches) {
        batches.reset();
        long tn = 0, fp = 0, fn = 0, tp = 0;
        double lossSum = 0;
        int seen = 0;
        while (batches.hasNext() && (maxBatches == 0 || seen < maxBatches)) {
            DataSet ds = batches.next();
            float[] p = predict(graph, ds.getFeatures(), ds.getFeaturesMaskArray());
            float[] y = ds.getLabels().toFloatVector();
            for (int i = 0; i < p.length; i++) {
                boolean positive = y[i] > 0.5f;
                boolean predicted = p[i] > 0.5f;
                if (positive) {
                    if (predicted) tp++; else fn++;
                } else {
                    if (predicted) fp++; else tn++;
                }
                double q = Math.min(1 - EPS, Math.max(EPS, p[i]));
                lossSum -= positive ? Math.log(q) : Math.log(1 - q);
            }
            seen++;
        }
        long n = tn + fp + fn + tp;
        return new BinaryEvaluation(tn, fp, fn, tp, n == 0 ? Double.NaN : lossSum / n);
    }

    /** P(positive) per row of a batch: features {@code [batch, 1, T]}, mask {@code [batch, T]}. */
    public static float[] predict(ComputationGraph graph, INDArray features, INDArray mask) {
        INDArray out = graph.output(false, new INDArray[] {features}, mask == null ? null : new INDArray[] {mask})[0];
        return out.toFloatVector();
    }
}
