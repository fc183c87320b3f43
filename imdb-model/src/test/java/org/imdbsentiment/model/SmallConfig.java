package org.imdbsentiment.model;

import org.imdbsentiment.model.config.ExperimentConfig;

import java.util.Map;

/** Settings for small graphs in tests: the defaults with a few values replaced. */
public final class SmallConfig {
    private SmallConfig() {
    }

    public static ExperimentConfig of(String embedding, int embeddingSize, int hiddenSize, String lstm,
                                      double learningRate, long seed) {
        return ExperimentConfig.defaults().with(Map.of("embedding", embedding,
                "embedding-size", Integer.toString(embeddingSize), "hidden-size", Integer.toString(hiddenSize),
                "lstm", lstm, "learning-rate", Double.toString(learningRate), "seed", Long.toString(seed)));
    }
}
