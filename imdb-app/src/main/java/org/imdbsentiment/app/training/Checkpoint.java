package org.imdbsentiment.app.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.model.FastLayers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final String ENTRY = "imdb-sentiment-checkpoint";
    private static final ObjectMapper JSON = RunDirectory.json();

    void save(RunDirectory run, ComputationGraph graph) throws IOException {
        String state = JSON.writeValueAsString(this);
        AtomicFiles.write(run.resolve(RunDirectory.CHECKPOINT), tmp -> {
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), ENTRY, state);
        });
    }

    /** A checkpoint and its model, read back. */
    record Loaded(Checkpoint checkpoint, ComputationGraph graph) {
    }

    static Optional<Loaded> load(RunDirectory run) {
        Path file = run.resolve(RunDirectory.CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String state = ModelSerializer.getObjectFromFile(file.toFile(), ENTRY);
            Checkpoint c = JSON.readValue(state, Checkpoint.class);
            return Optional.of(new Loaded(c, FastLayers.upgrade(ComputationGraph.load(file.toFile(), true))));
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
