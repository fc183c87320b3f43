package org.imdbsentiment.model.output;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.imdbsentiment.model.RuntimeLayers;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The output of a model whose K branches each give a logit: reads {@code [batch, K]} and gives
 * {@code [batch, 1]}, P(positive) = sigmoid(mean of the K logits), the way an ensemble of K classifiers
 * averages their log-odds. Training fits each logit to the target on its own ({@link BranchLogitsLoss}):
 * the loss is the sum of the K binary cross-entropies, so a branch's gradient does not depend on the
 * others, and the branches learn as they would alone, from the same minibatches. No parameters; its
 * JSON is {@link LossLayer}'s. The runtime layer is {@link BranchMeanOutputLayer}.
 */
public class BranchMeanOutput extends LossLayer {
    /** For JSON deserialisation; fields are then set from the saved configuration. */
    public BranchMeanOutput() {
        super();
    }

    /** An output over {@code branches} logits. */
    public BranchMeanOutput(int branches) {
        if (branches < 1) {
            throw new IllegalArgumentException("branch logits: at least one branch, was " + branches);
        }
        setLossFn(new BranchLogitsLoss());
        setActivationFn(new ActivationSigmoid());
        setNIn(branches);
        setNOut(1);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return RuntimeLayers.wire(new BranchMeanOutputLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }
}
