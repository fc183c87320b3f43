package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.BinaryEvaluation;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.data.ReviewDataSetIterator;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Early stopping's score: validation accuracy (higher is better). The loss of the same pass is
 * kept for the epoch log, so validation costs one forward pass per epoch. A final fit (no
 * validation reviews, {@link #none}) scores each epoch with its number instead, so that every epoch
 * is the best so far: the last epoch's model is the one kept, and patience never ends the run.
 */
final class ValidationScore implements ScoreCalculator<ComputationGraph> {
    private final transient ReviewDataSetIterator validation;
    private final int maxBatches;
    private final transient UnaryOperator<ComputationGraph> scored;
    private transient BinaryEvaluation last;
    private int epochsScored;

    private ValidationScore(ReviewDataSetIterator validation, int maxBatches, UnaryOperator<ComputationGraph> scored,
                            int epochsScored) {
        this.validation = validation;
        this.scored = scored;
        this.maxBatches = maxBatches;
        this.epochsScored = epochsScored;
    }

    /**
     * Accuracy on these validation batches (at most {@code maxBatches} of them; 0: all) of the graph
     * {@code scored} makes of the trained one (the trained graph itself, or its weight average).
     */
    static ValidationScore on(ReviewDataSetIterator validation, int maxBatches, UnaryOperator<ComputationGraph> scored) {
        return new ValidationScore(validation, maxBatches, scored, 0);
    }

    /** No validation: the score of the next epoch is its number, counting on from {@code completedEpochs}. */
    static ValidationScore none(int completedEpochs) {
        return new ValidationScore(null, 0, UnaryOperator.identity(), completedEpochs);
    }

    @Override
    public double calculateScore(ComputationGraph network) {
        epochsScored++;
        if (validation == null) {
            return epochsScored;
        }
        last = Evaluator.evaluate(scored.apply(network), validation, maxBatches);
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
