package org.imdbsentiment.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.DataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a run after its last completed epoch, for {@code --resume}: the model with its Adam
 * state, and the early-stopping state (epochs completed, best epoch and its validation accuracy),
 * stored together in one {@code checkpoint.zip} that is replaced atomically, so model and state
 * always agree.
 *
 * @param completedEpochs epochs fully trained and validated
 * @param bestEpoch       the epoch (from 1) of the best validation accuracy so far
 * @param bestScore       that accuracy
 */
record Checkpoint(int completedEpochs, int bestEpoch, double bestScore) {
    static final String FILE = "checkpoint.zip";
    private static final String ENTRY = "imdb-sentiment-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    void save(Path runDir, ComputationGraph graph) throws IOException {
        String state = JSON.writeValueAsString(Map.of("completed_epochs", completedEpochs,
                "best_epoch", bestEpoch, "best_score", bestScore));
        AtomicFiles.write(runDir.resolve(FILE), tmp -> {
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), ENTRY, state);
        });
    }

    /** A checkpoint and its model, read back. */
    record Loaded(Checkpoint checkpoint, ComputationGraph graph) {
    }

    static Optional<Loaded> load(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String state = ModelSerializer.getObjectFromFile(file.toFile(), ENTRY);
            Map<?, ?> m = JSON.readValue(state, Map.class);
            Checkpoint c = new Checkpoint(((Number) m.get("completed_epochs")).intValue(),
                    ((Number) m.get("best_epoch")).intValue(), ((Number) m.get("best_score")).doubleValue());
            return Optional.of(new Loaded(c, ComputationGraph.load(file.toFile(), true)));
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
