package org.imdbsentiment.model.ngram;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an {@link NgramBag}: the table {@code W [rows, size]} laid out as DL4J's
 * {@link DefaultParamInitializer} lays out an embedding's (no bias), and, with {@link NgramWeighting#NB},
 * the rows' Naive Bayes ratios {@code R} (one per row) after it: set once from the training reviews
 * ({@link NaiveBayesRatios}), never trained (no updater step, no regularisation), saved with the model.
 * Until they are set every ratio is 1.
 */
public final class NgramBagParams extends DefaultParamInitializer {
    /** The key of the Naive Bayes ratios. */
    public static final String RATIOS_KEY = "R";

    private static final NgramBagParams INSTANCE = new NgramBagParams();

    public static NgramBagParams getInstance() {
        return INSTANCE;
    }

    private static boolean weighted(Layer layer) {
        return layer instanceof NgramBag bag && bag.getWeighting() == NgramWeighting.NB;
    }

    private static long rows(Layer layer) {
        return ((NgramBag) layer).getNIn();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return super.numParams(layer) + (weighted(layer) ? rows(layer) : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return weighted(layer) ? List.of(WEIGHT_KEY, RATIOS_KEY) : super.paramKeys(layer);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        if (!weighted(layer)) {
            return super.init(conf, paramsView, initializeParams);
        }
        NgramBag bag = (NgramBag) layer;
        long table = bag.getNIn() * bag.getNOut();
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(WEIGHT_KEY, createWeightMatrix(bag.getNIn(), bag.getNOut(), bag.getWeightInitFn(),
                part(paramsView, 0, table), initializeParams));
        INDArray ratios = part(paramsView, table, table + bag.getNIn());
        if (initializeParams) {
            ratios.assign(1);
        }
        params.put(RATIOS_KEY, ratios);
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(RATIOS_KEY);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Layer layer = conf.getLayer();
        if (!weighted(layer)) {
            return super.getGradientsFromFlattened(conf, gradientView);
        }
        NgramBag bag = (NgramBag) layer;
        long table = bag.getNIn() * bag.getNOut();
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradients.put(WEIGHT_KEY, part(gradientView, 0, table).reshape('f', bag.getNIn(), bag.getNOut()));
        gradients.put(RATIOS_KEY, part(gradientView, table, table + bag.getNIn()));
        return gradients;
    }

    /** Entries {@code from .. to-1} of a layer's flat parameter (or gradient) view, as a view. */
    private static INDArray part(INDArray flat, long from, long to) {
        return flat.rank() == 1 ? flat.get(NDArrayIndex.interval(from, to))
                : flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
    }
}
