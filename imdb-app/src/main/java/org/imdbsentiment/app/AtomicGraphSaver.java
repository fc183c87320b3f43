package org.imdbsentiment.app;

import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Keeps the early-stopping best model in the run directory as a DL4J model zip (with its updater
 * state). Each save goes to a temporary file first and is renamed over the old one, so the best
 * model on disk is always a whole file, even if the process dies while saving.
 */
final class AtomicGraphSaver implements EarlyStoppingModelSaver<ComputationGraph> {
    private final Path best;

    AtomicGraphSaver(Path best) {
        this.best = best;
    }

    @Override
    public void saveBestModel(ComputationGraph net, double score) throws IOException {
        Path tmp = best.resolveSibling(best.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            Files.move(tmp, best, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void saveLatestModel(ComputationGraph net, double score) {
        // Only the best model is kept.
    }

    @Override
    public ComputationGraph getBestModel() throws IOException {
        return ComputationGraph.load(best.toFile(), true);
    }

    @Override
    public ComputationGraph getLatestModel() {
        throw new UnsupportedOperationException("only the best model is kept");
    }
}
