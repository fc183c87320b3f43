package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;

/**
 * The maximum number of epochs of a whole run, counted from its start even when it was resumed
 * (DL4J's {@code MaxEpochsTerminationCondition} counts from the trainer's start only, so a resumed
 * run would have to be given, and would record, the epochs left instead of its setting).
 */
final class EpochLimit implements EpochTerminationCondition {
    private final int maxEpochs;
    private final int completedBefore;

    EpochLimit(int maxEpochs, int completedBefore) {
        this.maxEpochs = maxEpochs;
        this.completedBefore = completedBefore;
    }

    @Override
    public void initialize() {
        // stateless
    }

    @Override
    public boolean terminate(int epochNum, double score, boolean minimize) {
        return completedBefore + epochNum + 1 >= maxEpochs;
    }

    @Override
    public String toString() {
        return "EpochLimit(" + maxEpochs + " epochs)";
    }
}
