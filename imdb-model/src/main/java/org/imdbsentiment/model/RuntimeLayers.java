package org.imdbsentiment.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * What a DL4J layer configuration's {@code instantiate} does with the runtime layer it made, as DL4J's
 * own layers do it: listeners, index, the view of the network's parameters, the parameter table
 * (initialised or not) and the configuration. This project's layers ({@code FastLstm},
 * {@code NgramBag}) differ only in the runtime class.
 */
public final class RuntimeLayers {
    private RuntimeLayers() {
    }

    public static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                           int index, INDArray paramsView, boolean initializeParams,
                                           ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = initializer.init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
