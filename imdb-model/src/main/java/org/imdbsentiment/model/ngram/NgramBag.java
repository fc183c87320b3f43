package org.imdbsentiment.model.ngram;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.imdbsentiment.model.RuntimeLayers;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A bag of n-grams, fastText-style: reads word ids {@code [batch, 1, T]} with their mask and
 * gives {@code [batch, size]}, the mean of the vectors of every unigram and every bigram of each
 * review's real steps. One table {@code W [vocab + buckets, size]} holds both (see
 * {@link BigramHash}); no bias. The parameters and their JSON are {@link EmbeddingSequenceLayer}'s
 * (plus {@code buckets}); the runtime layer is {@link NgramBagLayer}. Padded steps, and bigrams that
 * touch one, never count, so the output does not depend on padding or on what the padded slots hold.
 */
public class NgramBag extends EmbeddingSequenceLayer {
    private int vocabSize;
    private int buckets;

    /** For JSON deserialisation; fields are then set from the saved configuration. */
    public NgramBag() {
        super();
    }

    /**
     * @param vocabSize word ids are {@code 0 .. vocabSize-1}
     * @param buckets   rows shared by the hashed bigrams
     * @param size      the vector size
     */
    public NgramBag(int vocabSize, int buckets, int size) {
        BigramHash hash = new BigramHash(vocabSize, buckets);
        this.vocabSize = vocabSize;
        this.buckets = buckets;
        setNIn(hash.rows());
        setNOut(size);
        setHasBias(false);
        setInferInputLength(true);
        setActivationFn(new ActivationIdentity());
        // Keras' Embedding default: a mean of hundreds of such vectors starts near zero.
        setWeightInitFn(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05)));
    }

    public BigramHash hash() {
        return new BigramHash(vocabSize, buckets);
    }

    public int getVocabSize() {
        return vocabSize;
    }

    public void setVocabSize(int vocabSize) {
        this.vocabSize = vocabSize;
    }

    public int getBuckets() {
        return buckets;
    }

    public void setBuckets(int buckets) {
        this.buckets = buckets;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("NgramBag", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new NgramBagLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(getNOut());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NgramBag other && super.equals(o) && vocabSize == other.vocabSize && buckets == other.buckets;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + vocabSize) + buckets;
    }
}
