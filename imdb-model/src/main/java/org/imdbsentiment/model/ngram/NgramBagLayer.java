package org.imdbsentiment.model.ngram;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime layer of {@link NgramBag}. Forward: the rows of every counted n-gram are pulled from
 * the table in one {@code pullRows} and averaged per review (or, with {@link NgramWeighting#NB}, each
 * distinct row scaled by its Naive Bayes ratio and summed). Backward: each review's output gradient,
 * times the weight each row had (1 / count, or its ratio), is scatter-added into the rows it read (the
 * way DL4J's embedding layers do it); the input (word ids) and the ratios get no gradient.
 */
public class NgramBagLayer extends BaseLayer<NgramBag> {

    public NgramBagLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The table rows each review reads: all n-gram rows in review order, and where each review's end. */
    record Bag(int[] rows, int[] ends) {
        int count(int review) {
            return ends[review] - (review == 0 ? 0 : ends[review - 1]);
        }
    }

    /**
     * Unigrams of the real steps, bigrams of two consecutive real steps and (order 3) trigrams of
     * three; with {@link NgramWeighting#NB} each review's distinct rows only.
     */
    Bag bag() {
        INDArray ids = input.rank() == 3 ? input.reshape(input.size(0), input.size(2)) : input;
        int batch = (int) ids.size(0);
        int steps = (int) ids.size(1);
        int[] id = ids.castTo(DataType.INT).dup('c').data().asInt();
        float[] real = maskArray == null ? null : maskArray.castTo(DataType.FLOAT).dup('c').data().asFloat();
        if (real != null && real.length != batch * steps) {
            throw new IllegalStateException("mask of " + real.length + " values for input [" + batch + ", " + steps + "]");
        }
        return bag(id, real, batch, steps, layerConf().hash(), layerConf().getOrder(),
                layerConf().getWeighting() == NgramWeighting.NB);
    }

    /**
     * The rows a batch of reviews reads: {@code id} and {@code real} (null: every step real) are
     * {@code [batch, steps]} in row-major order. {@code distinct}: each review's rows once, ascending.
     */
    static Bag bag(int[] id, float[] real, int batch, int steps, NgramHash hash, int order, boolean distinct) {
        int[] rows = new int[batch * steps * order];
        int[] ends = new int[batch];
        int n = 0;
        for (int b = 0; b < batch; b++) {
            int start = n;
            int realBefore = 0; // consecutive real steps just before this one
            for (int t = 0; t < steps; t++) {
                int k = b * steps + t;
                boolean isReal = real == null || real[k] != 0;
                if (isReal) {
                    if (id[k] < 0 || id[k] >= hash.vocabSize()) {
                        throw new IllegalArgumentException("word id " + id[k] + " outside 0.." + (hash.vocabSize() - 1));
                    }
                    rows[n++] = id[k];
                    if (order >= 2 && realBefore >= 1) {
                        rows[n++] = hash.row(id[k - 1], id[k]);
                    }
                    if (order >= 3 && realBefore >= 2) {
                        rows[n++] = hash.row(id[k - 2], id[k - 1], id[k]);
                    }
                }
                realBefore = isReal ? realBefore + 1 : 0;
            }
            if (distinct && n > start) {
                java.util.Arrays.sort(rows, start, n);
                int kept = start + 1;
                for (int i = start + 1; i < n; i++) {
                    if (rows[i] != rows[kept - 1]) {
                        rows[kept++] = rows[i];
                    }
                }
                n = kept;
            }
            ends[b] = n;
        }
        return new Bag(java.util.Arrays.copyOf(rows, n), ends);
    }

    /**
     * What each pulled row is multiplied by before it is added to its review's bag: {@code 1 / count}
     * (the mean), or with {@link NgramWeighting#NB} the row's Naive Bayes ratio (a sum).
     */
    private double[] weights(Bag bag) {
        int n = bag.rows().length;
        double[] w = new double[n];
        if (layerConf().getWeighting() == NgramWeighting.NB) {
            INDArray ratios = getParam(NgramBagParams.RATIOS_KEY);
            if (n > 0) {
                // Only the rows the batch reads (tens of thousands), not the whole million-row vector.
                double[] r = Nd4j.pullRows(ratios.reshape(ratios.length(), 1), 1, bag.rows())
                        .castTo(DataType.DOUBLE).data().asDouble();
                System.arraycopy(r, 0, w, 0, n);
            }
        } else {
            int k = 0;
            for (int b = 0; b < bag.ends().length; b++) {
                int count = bag.count(b);
                for (; k < bag.ends()[b]; k++) {
                    w[k] = 1.0 / count;
                }
            }
        }
        return w;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Bag bag = bag();
        int batch = bag.ends().length;
        int size = (int) layerConf().getNOut();
        double[] out = new double[batch * size];
        if (bag.rows().length > 0) {
            INDArray table = getParam(DefaultParamInitializer.WEIGHT_KEY);
            double[] vectors = Nd4j.pullRows(table, 1, bag.rows()).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] w = weights(bag);
            int k = 0;
            for (int b = 0; b < batch; b++) {
                for (; k < bag.ends()[b]; k++) {
                    for (int j = 0; j < size; j++) {
                        out[b * size + j] += w[k] * vectors[k * size + j];
                    }
                }
            }
        }
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{batch, size}, 'c');
        return result.assign(Nd4j.create(out, new long[]{batch, size}, 'c'));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Bag bag = bag();
        int batch = bag.ends().length;
        int size = (int) layerConf().getNOut();
        double[] eps = epsilon.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        INDArray weightGradients = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        weightGradients.assign(0);
        int n = bag.rows().length;
        if (n > 0) {
            double[] delta = new double[n * size];
            double[] w = weights(bag);
            int k = 0;
            for (int b = 0; b < batch; b++) {
                for (; k < bag.ends()[b]; k++) {
                    for (int j = 0; j < size; j++) {
                        delta[k * size + j] = eps[b * size + j] * w[k];
                    }
                }
            }
            Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, weightGradients, Nd4j.createFromArray(bag.rows()),
                    Nd4j.create(delta, new long[]{n, size}, 'c').castTo(weightGradients.dataType()), 1);
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradients);
        if (layerConf().getWeighting() == NgramWeighting.NB) {
            INDArray ratioGradients = gradientViews.get(NgramBagParams.RATIOS_KEY);
            ratioGradients.assign(0); // set from the data, not trained
            gradient.gradientForVariable().put(NgramBagParams.RATIOS_KEY, ratioGradients);
        }
        return new Pair<>(gradient, null);
    }

    /** The mask is used up here: the output has no time steps left to mask. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = null;
        return null;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }
}
