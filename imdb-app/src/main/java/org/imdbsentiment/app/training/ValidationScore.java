package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.BinaryEvaluation;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.data.ReviewDataSetIterator;

import java.util.Optional;

/**
 * Early stopping's score: validation accuracy (higher is better). The loss of the same pass is
 * kept for the epoch log, so validation costs one forward pass per epoch. A final fit (no
 * validation reviews, {@link #none}) scores each epoch with its number instead, so that every epoch
 * is the best so far: the last epoch's model is the one kept, and patience never ends the run.
 */
final class ValidationScore implements ScoreCalculator<ComputationGraph> {
    private final transient ReviewDataSetIterator validation;
    private final int maxBatches;
    private transient BinaryEvaluation last;
    private int epochsScored;

    private ValidationScore(ReviewDataSetIterator validation, int maxBatches, int epochsScored) {
        this.validation = validation;
        this.maxBatches = maxBatches;
        this.epochsScored = epochsScored;
    }

    /** Accuracy on these validation batches (at most {@code maxBatches} of them; 0: all). */
    static ValidationScore on(ReviewDataSetIterator validation, int maxBatches) {
        return new ValidationScore(validation, maxBatches, 0);
    }

    /** No validation: the score of the next epoch is its number, counting on from {@code completedEpochs}. */
    static ValidationScore none(int completedEpochs) {
        return new ValidationScore(null, 0, completedEpochs);
    }

    @Override
    public double calculateScore(ComputationGraph network) {
        epochsScored++;
        if (validation == null) {
            return epochsScored;
        }
        last = Evaluator.evaluate(network, validation, maxBatches);
        return last.accuracy();
    }

    @Override
    public boolean minimizeScore() {
        return false;
    }

    /** The evaluation behind the latest score; empty without validation. */
    Optional<BinaryEvaluation> last() {
        return Optional.ofNullable(last);
    }
}
