package org.imdbsentiment.app;

import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.TextEncoder;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.ExperimentConfig;
import org.imdbsentiment.model.SentimentGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model with what it needs to read text: the run's resolved config, vocabulary and best
 * model. Loading checks that they belong together, so a mismatched vocabulary is refused instead of
 * giving silently wrong predictions.
 */
record ModelBundle(ExperimentConfig config, Vocabulary vocabulary, ComputationGraph graph) {

    static ModelBundle load(Path runDir) {
        RunDirectory run = RunDirectory.existing(runDir);
        ExperimentConfig config = run.readConfig();
        Vocabulary vocabulary;
        try {
            vocabulary = Vocabulary.load(run.resolve(RunDirectory.VOCABULARY));
        } catch (IOException e) {
            throw new DataException("cannot read the vocabulary of " + runDir + ": " + e.getMessage(), e);
        }
        Path modelFile = run.resolve(RunDirectory.BEST_MODEL);
        if (!Files.isRegularFile(modelFile)) {
            throw new DataException("run " + runDir + " has no " + RunDirectory.BEST_MODEL + " (did it finish an epoch?)");
        }
        ComputationGraph graph;
        try {
            graph = ComputationGraph.load(modelFile.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new DataException("cannot load model " + modelFile + ": " + e.getMessage(), e);
        }
        check(config, vocabulary, graph, runDir);
        return new ModelBundle(config, vocabulary, graph);
    }

    private static void check(ExperimentConfig config, Vocabulary vocabulary, ComputationGraph graph, Path runDir) {
        var vertex = graph.getConfiguration().getVertices().get(SentimentGraph.EMBEDDING);
        if (!(vertex instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv)) {
            throw new DataException("model in " + runDir + " has no '" + SentimentGraph.EMBEDDING + "' layer: not a model of this project");
        }
        var layer = lv.getLayerConf().getLayer();
        if (layer instanceof FrozenLayer frozen) {
            layer = frozen.getLayer();
        }
        FeedForwardLayer embedding = (FeedForwardLayer) layer;
        if (embedding.getNIn() != vocabulary.size()) {
            throw new DataException("vocabulary of " + runDir + " has " + vocabulary.size()
                    + " tokens but the model's embedding has " + embedding.getNIn() + " rows: they do not belong together");
        }
        if (embedding.getNOut() != config.model().embeddingSize()) {
            throw new DataException("config of " + runDir + " says embedding-size " + config.model().embeddingSize()
                    + " but the model's embedding has " + embedding.getNOut());
        }
    }

    /** The text pipeline the model was trained with. */
    TextEncoder encoder() {
        return new TextEncoder(new WordTokenizer(), vocabulary, config.data().maxLength());
    }
}
