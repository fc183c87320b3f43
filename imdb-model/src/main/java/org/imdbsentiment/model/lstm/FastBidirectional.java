package org.imdbsentiment.model.lstm;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * DL4J's {@link Bidirectional} configuration (same parameters, initialisation and JSON apart from the
 * class name) whose runtime layer is {@link FastBidirectionalLayer}: with {@link FastLstm} in both
 * directions, their passes compute at the same time on two threads. A graph saved with it loads
 * wherever this class is on the classpath.
 */
public class FastBidirectional extends Bidirectional {

    /** For JSON deserialisation; fields are then set from the saved configuration. */
    public FastBidirectional() {
        super();
    }

    public FastBidirectional(Mode mode, org.deeplearning4j.nn.conf.layers.Layer layer) {
        super(mode, layer);
    }

    /**
     * {@code dl4j}'s configuration (mode, both directions, name, input dropout, constraints) as a
     * {@code FastBidirectional}: for graphs saved before this class existed
     * ({@link org.imdbsentiment.model.FastLayers#upgrade}).
     */
    public static FastBidirectional of(Bidirectional dl4j) {
        FastBidirectional fast = new FastBidirectional();
        fast.setFwd(dl4j.getFwd());
        fast.setBwd(dl4j.getBwd());
        fast.setMode(dl4j.getMode());
        fast.setLayerName(dl4j.getLayerName());
        fast.setIDropout(dl4j.getIDropout());
        fast.setConstraints(dl4j.getConstraints());
        return fast;
    }

    /** What {@link Bidirectional#instantiate} does, with {@link FastBidirectionalLayer} as the runtime layer. */
    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration forwardConf = conf.clone();
        NeuralNetConfiguration backwardConf = conf.clone();
        forwardConf.setLayer(getFwd());
        backwardConf.setLayer(getBwd());
        INDArray flat = layerParamsView.reshape(layerParamsView.length());
        long n = layerParamsView.length() / 2;
        Layer forward = getFwd().instantiate(forwardConf, trainingListeners, layerIndex, flat.get(interval(0, n)),
                initializeParams, networkDataType);
        Layer backward = getBwd().instantiate(backwardConf, trainingListeners, layerIndex, flat.get(interval(n, 2 * n)),
                initializeParams, networkDataType);
        FastBidirectionalLayer layer = new FastBidirectionalLayer(conf, forward, backward, layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
