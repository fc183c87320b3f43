package org.imdbsentiment.model;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.buffer.util.DataTypeUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.util.Random;

/** DL4J's gradient check as this project's layer tests run it, and the small graphs they check. */
public final class GradientChecks {
    private GradientChecks() {
    }

    /** Runs {@code body} with ND4J's default data type set to DOUBLE, then restores the previous one. */
    public static void inDoublePrecision(Runnable body) {
        DataType before = DataTypeUtil.getDtypeFromContext();
        DataTypeUtil.setDTypeForContext(DataType.DOUBLE);
        try {
            body.run();
        } finally {
            DataTypeUtil.setDTypeForContext(before);
        }
    }

    /**
     * DL4J's gradient check of {@code g} on one masked batch (epsilon 1e-6, relative error at most 1e-5,
     * absolute differences under 1e-9 ignored, stopping at the first failure).
     */
    public static boolean passes(ComputationGraph g, INDArray input, INDArray mask, INDArray labels) {
        return passes(g, input, mask, labels, java.util.Set.of());
    }

    /** As {@link #passes(ComputationGraph, INDArray, INDArray, INDArray)}, leaving out parameters that are not trained. */
    public static boolean passes(ComputationGraph g, INDArray input, INDArray mask, INDArray labels,
                                 java.util.Set<String> untrained) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels}).inputMask(new INDArray[] {mask})
                .excludeParams(untrained)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).exitOnFirstError(true));
    }

    /** DOUBLE values drawn from N(0, 1) with {@code seed}. */
    public static INDArray gaussian(long seed, long... shape) {
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextGaussian());
        }
        return x;
    }

    /**
     * A double-precision graph of v4's middle: 3 input features -> {@code bidirectional} (4 units each
     * way, concatenated) -> masked max and mean pooling -> one sigmoid output.
     */
    public static ComputationGraph pooledBidirectional(Layer bidirectional) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(8).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(3))
                .addLayer("lstm", bidirectional, "in")
                .addLayer("max", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "lstm")
                .addLayer("mean", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "lstm")
                .addVertex("pool", new MergeVertex(), "max", "mean")
                .addLayer("out", new OutputLayer.Builder(new LossBinaryXENT()).nIn(16).nOut(1)
                        .activation(Activation.SIGMOID).build(), "pool")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * A batch for {@link #pooledBidirectional}: {input [3, 3, 5], mask [3, 5], labels [3, 1]}; the
     * mask has a full row, a post-padded one and a pre-padded one.
     */
    public static INDArray[] pooledBidirectionalBatch() {
        return new INDArray[] {gaussian(4, 3, 3, 5),
                Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {0, 0, 1, 1, 1}}),
                Nd4j.createFromArray(new double[][] {{1}, {0}, {1}})};
    }
}
