package org.imdbsentiment.model.embedding;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.imdbsentiment.model.RuntimeLayers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's {@link EmbeddingSequenceLayer} configuration (same parameters, initialisation and JSON apart
 * from the class name) whose runtime layer is {@link FastEmbeddingSequenceLayer}. A graph saved with it
 * loads wherever this class is on the classpath.
 */
public class FastEmbeddingSequence extends EmbeddingSequenceLayer {

    /** For JSON deserialisation; fields are then set from the saved configuration. */
    public FastEmbeddingSequence() {
        super();
    }

    /**
     * The same configuration as {@code dl4j} (every field, through DL4J's own JSON form of it), with
     * this class's runtime layer.
     */
    public static FastEmbeddingSequence of(EmbeddingSequenceLayer dl4j) {
        try {
            String json = NeuralNetConfiguration.mapper().writeValueAsString(dl4j);
            String from = "\"" + EmbeddingSequenceLayer.class.getName() + "\"";
            if (!json.contains(from)) {
                throw new IllegalStateException("DL4J's JSON of the embedding layer does not name its class: " + json);
            }
            String renamed = json.replace(from, "\"" + FastEmbeddingSequence.class.getName() + "\"");
            return (FastEmbeddingSequence) NeuralNetConfiguration.mapper()
                    .readValue(renamed, org.deeplearning4j.nn.conf.layers.Layer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot copy the embedding layer's configuration", e);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return RuntimeLayers.wire(new FastEmbeddingSequenceLayer(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams, initializer());
    }
}
