package org.imdbsentiment.app.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.model.FastLayers;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state of a run after its last completed epoch, for {@code --resume}: the model with its Adam
 * state, the early-stopping state (epochs completed, best epoch and its validation accuracy) and,
 * with weight-average-decay, the {@link WeightAverage}'s state, stored together in one
 * {@code checkpoint.zip} that is replaced atomically, so model and state always agree.
 *
 * @param completedEpochs epochs fully trained and validated
 * @param bestEpoch       the epoch (from 1) of the best validation accuracy so far
 * @param bestScore       that accuracy
 * @param averagedUpdates minibatches in the weight average (0: none kept; absent in older checkpoints)
 */
record Checkpoint(int completedEpochs, int bestEpoch, double bestScore, long averagedUpdates) {
    private static final String ENTRY = "imdb-sentiment-checkpoint";
    private static final String AVERAGE_ENTRY = "imdb-sentiment-weight-average";
    private static final ObjectMapper JSON = RunDirectory.json();

    /** The state after {@code completedEpochs}, with the weight average's if one is kept. */
    static Checkpoint after(int completedEpochs, int bestEpoch, double bestScore, Optional<WeightAverage> average) {
        return new Checkpoint(completedEpochs, bestEpoch, bestScore, average.map(WeightAverage::updates).orElse(0L));
    }

    void save(RunDirectory run, ComputationGraph graph, Optional<WeightAverage> average) throws IOException {
        String state = JSON.writeValueAsString(this);
        AtomicFiles.write(run.resolve(RunDirectory.CHECKPOINT), tmp -> {
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), ENTRY, state);
            if (average.isPresent()) {
                // ND4J's own binary format, inside Java serialization's byte[]
                ModelSerializer.addObjectToFile(tmp.toFile(), AVERAGE_ENTRY, Nd4j.toByteArray(average.get().state().sum()));
            }
        });
    }

    /** A checkpoint and its model, read back, with the weight average's state if it kept one. */
    record Loaded(Checkpoint checkpoint, ComputationGraph graph, Optional<WeightAverage.State> average) {
    }

    static Optional<Loaded> load(RunDirectory run) {
        Path file = run.resolve(RunDirectory.CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String state = ModelSerializer.getObjectFromFile(file.toFile(), ENTRY);
            Checkpoint c = JSON.readValue(state, Checkpoint.class);
            Optional<WeightAverage.State> average = Optional.empty();
            if (c.averagedUpdates() > 0) {
                byte[] sum = ModelSerializer.getObjectFromFile(file.toFile(), AVERAGE_ENTRY);
                average = Optional.of(new WeightAverage.State(Nd4j.fromByteArray(sum), c.averagedUpdates()));
            }
            return Optional.of(new Loaded(c, FastLayers.upgrade(ComputationGraph.load(file.toFile(), true)), average));
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
