package org.imdbsentiment.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/** Runs a graph over masked review batches (one forward pass per batch) and keeps each review's verdict. */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * P(positive) for every review of one pass of {@code batches} (reset first), at most
     * {@code maxBatches} batches of them (0: all), in the order read.
     */
    public static List<ScoredReview> score(ComputationGraph graph, ReviewDataSetIterator batches, int maxBatches) {
        return score(graph, batches, maxBatches, Progress.NONE);
    }

    /** As {@link #score(ComputationGraph, ReviewDataSetIterator, int)}, advancing {@code progress} by one per batch. */
    public static List<ScoredReview> score(ComputationGraph graph, ReviewDataSetIterator batches, int maxBatches,
                                           Progress progress) {
        batches.reset();
        List<ScoredReview> scored = new ArrayList<>(batches.numExamples());
        int seen = 0;
        while (batches.hasNext() && (maxBatches == 0 || seen < maxBatches)) {
            DataSet ds = batches.next();
            float[] p = predict(graph, ds.getFeatures(), ds.getFeaturesMaskArray());
            float[] y = ds.getLabels().toFloatVector();
            List<String> ids = ReviewDataSetIterator.ids(ds);
            for (int i = 0; i < p.length; i++) {
                scored.add(new ScoredReview(ids.get(i), y[i] > 0.5f ? Sentiment.POSITIVE : Sentiment.NEGATIVE, p[i]));
            }
            seen++;
            progress.advance(1);
        }
        return scored;
    }

    /** Decisions at {@code p > 0.5} and the mean binary cross-entropy over one pass. */
    public static BinaryEvaluation evaluate(ComputationGraph graph, ReviewDataSetIterator batches, int maxBatches) {
        return BinaryEvaluation.of(score(graph, batches, maxBatches));
    }

    /** P(positive) per row of a batch: features {@code [batch, 1, T]}, mask {@code [batch, T]} or null. */
    public static float[] predict(ComputationGraph graph, INDArray features, INDArray mask) {
        INDArray out = graph.output(false, new INDArray[] {features}, mask == null ? null : new INDArray[] {mask})[0];
        return out.toFloatVector();
    }
}
