package org.imdbsentiment.app;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows training: logs progress with an ETA while an epoch runs (as a training listener), and
 * after each epoch's validation (as an early-stopping listener) appends the epoch's metrics to the
 * run directory's {@code epochs.csv}, rewritten whole each time.
 */
final class EpochRecorder extends BaseTrainingListener implements EarlyStoppingListener<ComputationGraph> {
    private static final Logger log = LoggerFactory.getLogger(EpochRecorder.class);
    private static final long PROGRESS_EVERY_NANOS = 30_000_000_000L;

    private final RunDirectory run;
    private final ValidationScore validation;
    private final int batchesPerEpoch;
    private final List<EpochMetrics> epochs = new ArrayList<>();

    private long epochStart;
    private long lastProgress;
    private long trainEnd;
    private double lossSum;
    private int batches;

    EpochRecorder(RunDirectory run, ValidationScore validation, int batchesPerEpoch) {
        this.run = run;
        this.validation = validation;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    @Override
    public void onEpochStart(Model model) {
        epochStart = System.nanoTime();
        lastProgress = epochStart;
        lossSum = 0;
        batches = 0;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        lossSum += model.score();
        batches++;
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            double perBatch = (now - epochStart) / 1e9 / batches;
            log.info("  epoch {}: batch {}/{}, mean loss {}, {} s/batch, ETA {} s", epochs.size() + 1, batches,
                    batchesPerEpoch, String.format("%.4f", lossSum / batches), String.format("%.2f", perBatch),
                    Math.round(perBatch * (batchesPerEpoch - batches)));
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        trainEnd = System.nanoTime();
    }

    @Override
    public void onStart(EarlyStoppingConfiguration<ComputationGraph> esConfig, ComputationGraph net) {
        // nothing to record before the first epoch
    }

    @Override
    public void onEpoch(int epochNum, double score, EarlyStoppingConfiguration<ComputationGraph> esConfig,
                        ComputationGraph net) {
        long now = System.nanoTime();
        EpochMetrics m = new EpochMetrics(epochNum + 1, batches, batches == 0 ? Double.NaN : lossSum / batches,
                validation.last().loss(), validation.last().accuracy(),
                (trainEnd - epochStart) / 1e9, (now - trainEnd) / 1e9);
        epochs.add(m);
        log.info("Epoch {}: train loss {}, val loss {}, val acc {}%, {} s train + {} s validation", m.epoch(),
                String.format("%.4f", m.trainLoss()), String.format("%.4f", m.valLoss()),
                String.format("%.2f", 100 * m.valAccuracy()), Math.round(m.trainSeconds()), Math.round(m.valSeconds()));
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        epochs.forEach(e -> csv.append(e.csv()).append('\n'));
        try {
            run.writeText(RunDirectory.EPOCHS, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onCompletion(EarlyStoppingResult<ComputationGraph> esResult) {
        log.info("Training stopped after {} epochs: {} ({})", esResult.getTotalEpochs(),
                esResult.getTerminationReason(), esResult.getTerminationDetails());
    }

    List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }
}
