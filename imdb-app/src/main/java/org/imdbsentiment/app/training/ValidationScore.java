package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.BinaryEvaluation;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.data.ReviewDataSetIterator;

/**
 * Early stopping's score: validation accuracy (higher is better). The loss of the same pass is
 * kept for the epoch log, so validation costs one forward pass per epoch.
 */
final class ValidationScore implements ScoreCalculator<ComputationGraph> {
    private final transient ReviewDataSetIterator validation;
    private final int maxBatches;
    private transient BinaryEvaluation last;

    ValidationScore(ReviewDataSetIterator validation, int maxBatches) {
        this.validation = validation;
        this.maxBatches = maxBatches;
    }

    @Override
    public double calculateScore(ComputationGraph network) {
        last = Evaluator.evaluate(network, validation, maxBatches);
        return last.accuracy();
    }

    @Override
    public boolean minimizeScore() {
        return false;
    }

    /** The evaluation behind the latest score. */
    BinaryEvaluation last() {
        return last;
    }
}
