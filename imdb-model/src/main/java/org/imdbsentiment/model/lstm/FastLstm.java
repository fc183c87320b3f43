package org.imdbsentiment.model.lstm;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.imdbsentiment.model.RuntimeLayers;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's {@link LSTM} configuration (same parameters {@code W}, {@code RW}, {@code b}, same
 * initialisation, same JSON apart from the class name) whose runtime layer is {@link FastLstmLayer}.
 * A graph saved with it loads wherever this class is on the classpath.
 */
public class FastLstm extends LSTM {

    /** For JSON deserialisation; fields are then set from the saved configuration. */
    public FastLstm() {
        super();
    }

    /**
     * The configuration {@code new LSTM.Builder().nIn(nIn).nOut(nOut).activation(TANH).build()}
     * produces: tanh block input and cell activation, sigmoid gates, forget-gate bias 1, NCW data.
     */
    public FastLstm(long nIn, long nOut) {
        setNIn(nIn);
        setNOut(nOut);
        setActivationFn(new ActivationTanH());
        setGateActivationFn(new ActivationSigmoid());
        setForgetGateBiasInit(1.0);
        setRnnDataFormat(RNNFormat.NCW);
        setHelperAllowFallback(true);
        setGainInit(1.0);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new FastLstmLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }
}
