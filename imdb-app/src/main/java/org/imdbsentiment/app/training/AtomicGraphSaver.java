package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.model.FastLayers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Keeps the early-stopping best model in the run directory as a DL4J model zip (with its updater
 * state). Each save goes to a temporary file first and is renamed over the old one, so the best
 * model on disk is always a whole file, even if the process dies or the disk fills while saving.
 * It only replaces the file for a score above the best it knows, which after a resume includes the
 * best of the epochs before it.
 */
final class AtomicGraphSaver implements EarlyStoppingModelSaver<ComputationGraph> {
    private final Path best;
    private final UnaryOperator<ComputationGraph> kept;
    private double bestScore;

    /** {@code kept} makes the graph to save of the trained one: itself, or its weight average. */
    AtomicGraphSaver(Path best, double bestScore, UnaryOperator<ComputationGraph> kept) {
        this.best = best;
        this.bestScore = bestScore;
        this.kept = kept;
    }

    @Override
    public void saveBestModel(ComputationGraph net, double score) throws IOException {
        if (score > bestScore) {
            AtomicFiles.write(best, tmp -> ModelSerializer.writeModel(kept.apply(net), tmp.toFile(), true));
            bestScore = score;
        }
    }

    @Override
    public void saveLatestModel(ComputationGraph net, double score) {
        // The latest model lives in the checkpoint.
    }

    @Override
    public ComputationGraph getBestModel() throws IOException {
        return FastLayers.upgrade(ComputationGraph.load(best.toFile(), true));
    }

    @Override
    public ComputationGraph getLatestModel() {
        throw new UnsupportedOperationException("the latest model lives in the checkpoint");
    }
}
