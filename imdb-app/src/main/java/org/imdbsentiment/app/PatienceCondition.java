package org.imdbsentiment.app;

import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;

/**
 * Early stopping's patience on validation accuracy: stops when the last {@code patience} epochs
 * brought no accuracy strictly above the best before them. It reads the run's epochs from the
 * {@link EpochRecorder} (which the trainer updates first), so a resumed run keeps its patience.
 */
final class PatienceCondition implements EpochTerminationCondition {
    private final int patience;
    private final transient EpochRecorder recorder;

    PatienceCondition(int patience, EpochRecorder recorder) {
        this.patience = patience;
        this.recorder = recorder;
    }

    @Override
    public void initialize() {
        // the state lives in the recorder
    }

    @Override
    public boolean terminate(int epochNum, double score, boolean minimize) {
        return recorder.epochs().size() - recorder.bestEpoch() >= patience;
    }

    @Override
    public String toString() {
        return "PatienceCondition(" + patience + " epochs without a better validation accuracy)";
    }
}
