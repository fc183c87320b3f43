package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;

/**
 * Early stopping's patience on validation accuracy: stops when the last {@code patience} epochs
 * brought no accuracy strictly above the best before them. It keeps its own state from the scores
 * DL4J's trainer passes it, numbering epochs explicitly from the run's start (a resumed run starts it
 * with the epochs completed and the best so far), so it depends on no listener or call order.
 */
final class PatienceCondition implements EpochTerminationCondition {
    private final int patience;
    private final int completedBefore;
    private final int bestEpochBefore;
    private final double bestScoreBefore;
    private int bestEpoch;
    private double bestScore;

    /**
     * @param patience        epochs without improvement that stop training
     * @param completedBefore epochs completed before this trainer started (0 for a new run)
     * @param bestEpochBefore the best of them, from 1 (0: none)
     * @param bestScoreBefore its validation accuracy
     */
    PatienceCondition(int patience, int completedBefore, int bestEpochBefore, double bestScoreBefore) {
        this.patience = patience;
        this.completedBefore = completedBefore;
        this.bestEpochBefore = bestEpochBefore;
        this.bestScoreBefore = bestEpochBefore == 0 ? Double.NEGATIVE_INFINITY : bestScoreBefore;
        initialize();
    }

    @Override
    public void initialize() {
        bestEpoch = bestEpochBefore;
        bestScore = bestScoreBefore;
    }

    /** @param epochNum the trainer's epoch, from 0 at its start; {@code score} higher is better */
    @Override
    public boolean terminate(int epochNum, double score, boolean minimize) {
        int epoch = completedBefore + epochNum + 1;
        if (minimize ? score < bestScore || bestEpoch == 0 : score > bestScore) {
            bestScore = score;
            bestEpoch = epoch;
        }
        return exhausted(epoch);
    }

    /** Whether {@code completed} epochs already exhaust the patience (a resumed run that has nothing left to do). */
    boolean exhausted(int completed) {
        return completed - bestEpoch >= patience;
    }

    @Override
    public String toString() {
        return "PatienceCondition(" + patience + " epochs without a better validation accuracy)";
    }
}
