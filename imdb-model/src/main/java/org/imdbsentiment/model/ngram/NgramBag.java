package org.imdbsentiment.model.ngram;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
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
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.Collection;
import java.util.List;

/**
 * A bag of n-grams, fastText-style: reads word ids {@code [batch, 1, T]} with their mask and
 * gives {@code [batch, size]}, the mean of the vectors of every unigram, every bigram and (with
 * order 3) every trigram of each review's real steps. One table {@code W [vocab + buckets, size]}
 * holds them all (see {@link NgramHash}); no bias. The parameters and their JSON are
 * {@link EmbeddingSequenceLayer}'s (plus {@code vocabSize}, {@code buckets} and {@code order}); the
 * runtime layer is {@link NgramBagLayer}. With {@link NgramWeighting#NB} each distinct n-gram of a review
 * counts once, its vector scaled by the row's Naive Bayes ratio, and the bag is their sum. Padded steps, and n-grams that touch one, never count, so the
 * output does not depend on padding or on what the padded slots hold.
 */
public class NgramBag extends EmbeddingSequenceLayer {
    private int vocabSize;
    private int buckets;
    /** The longest n-grams counted: 1, 2 or 3. Models saved before the setting existed counted bigrams. */
    private int order = 2;
    /** How the vectors are combined. Models saved before the setting existed took the mean. */
    private NgramWeighting weighting = NgramWeighting.MEAN;

    /** For JSON deserialisation; fields are then set from the saved configuration. */
    public NgramBag() {
        super();
    }

    /** Unigrams and bigrams: {@link #NgramBag(int, int, int, int)} of order 2. */
    public NgramBag(int vocabSize, int buckets, int size) {
        this(vocabSize, buckets, size, 2);
    }

    /**
     * @param vocabSize word ids are {@code 0 .. vocabSize-1}
     * @param buckets   rows shared by the hashed bigrams and trigrams
     * @param size      the vector size
     * @param order     the longest n-grams counted: 1 (unigrams), 2 (and bigrams) or 3 (and trigrams)
     */
    public NgramBag(int vocabSize, int buckets, int size, int order) {
        this(vocabSize, buckets, size, order, NgramWeighting.MEAN);
    }

    /**
     * As {@link #NgramBag(int, int, int, int)}, combining the n-grams' vectors as {@code weighting} says
     * (with {@link NgramWeighting#NB} the layer also holds the rows' Naive Bayes ratios, {@link NgramBagParams}).
     */
    public NgramBag(int vocabSize, int buckets, int size, int order, NgramWeighting weighting) {
        NgramHash hash = new NgramHash(vocabSize, buckets);
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("n-gram order must be 1, 2 or 3, was " + order);
        }
        this.vocabSize = vocabSize;
        this.buckets = buckets;
        this.order = order;
        this.weighting = java.util.Objects.requireNonNull(weighting, "weighting");
        setNIn(hash.rows());
        setNOut(size);
        setHasBias(false);
        setInferInputLength(true);
        setActivationFn(new ActivationIdentity());
        // Keras' Embedding default: a mean of hundreds of such vectors starts near zero.
        setWeightInitFn(new WeightInitDistribution(new UniformDistribution(-0.05, 0.05)));
    }

    public NgramHash hash() {
        return new NgramHash(vocabSize, buckets);
    }

    public NgramWeighting getWeighting() {
        return weighting;
    }

    public void setWeighting(NgramWeighting weighting) {
        this.weighting = weighting;
    }

    @Override
    public ParamInitializer initializer() {
        return NgramBagParams.getInstance();
    }

    /** The Naive Bayes ratios are set from the data, not trained. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return NgramBagParams.RATIOS_KEY.equals(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return NgramBagParams.RATIOS_KEY.equals(paramName) ? List.of() : super.getRegularizationByParam(paramName);
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
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
        return o instanceof NgramBag other && super.equals(o) && vocabSize == other.vocabSize && buckets == other.buckets
                && order == other.order && weighting == other.weighting;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * super.hashCode() + vocabSize) + buckets) + order) + weighting.hashCode();
    }
}
