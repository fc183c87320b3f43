package org.imdbsentiment.app.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.imdbsentiment.model.ParallelMode;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;

/** DL4J's {@link ParallelWrapper} as the settings {@code workers}, {@code parallel-mode} and {@code averaging-frequency} describe. */
public final class ParallelTraining {
    private ParallelTraining() {
    }

    /**
     * A wrapper of {@code workers} copies of the graph, each fed its own minibatches (prefetched two
     * per worker); with averaging, parameters and Adam's state are averaged every
     * {@code averaging-frequency} minibatches of each worker; with shared-gradients, DL4J's encoded
     * gradient sharing keeps them in step.
     */
    public static ParallelWrapper wrapper(ComputationGraph graph, ExperimentConfig config) {
        int workers = config.get(Settings.WORKERS);
        return new ParallelWrapper.Builder<>(graph)
                .workers(workers)
                .prefetchBuffer(2 * workers)
                .trainingMode(config.get(Settings.PARALLEL_MODE) == ParallelMode.AVERAGING
                        ? ParallelWrapper.TrainingMode.AVERAGING : ParallelWrapper.TrainingMode.SHARED_GRADIENTS)
                .averagingFrequency(config.get(Settings.AVERAGING_FREQUENCY))
                .averageUpdaters(true)
                .reportScoreAfterAveraging(true)
                .build();
    }
}
