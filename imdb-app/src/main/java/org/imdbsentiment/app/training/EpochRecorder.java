package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.model.BinaryEvaluation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows training: shows each epoch's progress with an ETA (as a training listener); after
 * each epoch's validation (as an early-stopping listener) it records the epoch's metrics in
 * {@code epochs.csv}, tracks the best epoch, and saves the {@link Checkpoint} a resume starts from
 * (with the {@link WeightAverage}'s state, if the run keeps one).
 * A resumed run starts it with the epochs and best epoch recorded before. Its count of completed
 * epochs is the epoch source of the training batches: the pass that starts next is epoch
 * {@link #completedEpochs()} (from 0).
 */
final class EpochRecorder extends BaseTrainingListener implements EarlyStoppingListener<ComputationGraph> {
    private static final Logger log = LoggerFactory.getLogger(EpochRecorder.class);

    private final RunDirectory run;
    private final ValidationScore validation;
    private final int batchesPerEpoch;
    private final List<EpochMetrics> epochs;
    private final Progress.Factory progress;
    private final Optional<WeightAverage> average;
    private Progress shown = Progress.NONE;
    private int bestEpoch;
    private double bestScore;

    private long epochStart;
    private long trainEnd;
    private double lossSum;
    private int batches;

    EpochRecorder(RunDirectory run, ValidationScore validation, int batchesPerEpoch, List<EpochMetrics> earlier,
                  int bestEpoch, double bestScore, Optional<WeightAverage> average, Progress.Factory progress) {
        this.progress = progress;
        this.average = average;
        this.run = run;
        this.validation = validation;
        this.batchesPerEpoch = batchesPerEpoch;
        this.epochs = new ArrayList<>(earlier);
        this.bestEpoch = bestEpoch;
        this.bestScore = bestEpoch == 0 ? Double.NEGATIVE_INFINITY : bestScore;
    }

    @Override
    public void onEpochStart(Model model) {
        epochStart = System.nanoTime();
        lossSum = 0;
        batches = 0;
        shown = progress.start("epoch " + (epochs.size() + 1), batchesPerEpoch, "batches");
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        lossSum += model.score();
        batches++;
        shown.advance(1);
    }

    @Override
    public void onEpochEnd(Model model) {
        trainEnd = System.nanoTime();
        shown.close();
    }

    @Override
    public void onStart(EarlyStoppingConfiguration<ComputationGraph> esConfig, ComputationGraph net) {
        // nothing to record before the first epoch
    }

    @Override
    public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<ComputationGraph> esConfig,
                        ComputationGraph net) {
        long now = System.nanoTime();
        EpochMetrics m = new EpochMetrics(epochs.size() + 1, batches, batches == 0 ? Double.NaN : lossSum / batches,
                validation.last().map(BinaryEvaluation::loss).orElse(Double.NaN),
                validation.last().map(BinaryEvaluation::accuracy).orElse(Double.NaN),
                (trainEnd - epochStart) / 1e9, (now - trainEnd) / 1e9);
        epochs.add(m);
        if (score > bestScore) {
            bestScore = score;
            bestEpoch = m.epoch();
        }
        if (m.validated()) {
            log.info("Epoch {}: train loss {}, val loss {}, val acc {}%, {} s train + {} s validation{}", m.epoch(),
                    String.format("%.4f", m.trainLoss()), String.format("%.4f", m.valLoss()),
                    String.format("%.2f", 100 * m.valAccuracy()), Math.round(m.trainSeconds()), Math.round(m.valSeconds()),
                    bestEpoch == m.epoch() ? " (best so far)" : "");
        } else {
            log.info("Epoch {}: train loss {}, {} s train (final fit: no validation)", m.epoch(),
                    String.format("%.4f", m.trainLoss()), Math.round(m.trainSeconds()));
        }
        try {
            run.writeEpochs(epochs);
            Checkpoint.after(epochs.size(), bestEpoch, bestScore, average).save(run, net, average);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the epoch's metrics or checkpoint in " + run + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onCompletion(EarlyStoppingResult<ComputationGraph> esResult) {
        log.info("Training stopped after {} epochs: {}", epochs.size(), esResult.getTerminationDetails());
    }

    List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    /** Epochs trained and validated so far, those of earlier sessions of a resumed run included. */
    int completedEpochs() {
        return epochs.size();
    }

    /** The epoch (from 1) with the best validation accuracy (in a final fit, the last); 0 before any. */
    int bestEpoch() {
        return bestEpoch;
    }
}
