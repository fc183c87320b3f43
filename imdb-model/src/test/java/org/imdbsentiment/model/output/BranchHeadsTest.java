package org.imdbsentiment.model.output;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.imdbsentiment.model.GradientChecks;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code architecture=hybrid-heads}: each branch's logit trained on its own cross-entropy, the
 * prediction the sigmoid of their mean.
 */
class BranchHeadsTest {
    private static final int VOCAB = 30;

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double xent(double y, double z) {
        double p = sigmoid(z);
        return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    }

    @Test
    void theLossIsEachLogitsCrossEntropySummedAndItsGradientEachLogitsOwn() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1.5, -0.5}, {-2.0, 0.25}, {0.0, 3.0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1}, {0}, {0.7}}); // 0.7: a teacher's probability
        BranchLogitsLoss loss = new BranchLogitsLoss();
        INDArray zBefore = z.dup();
        INDArray yBefore = y.dup();
        INDArray perExample = loss.computeScoreArray(y, z, new ActivationSigmoid(), null);
        INDArray gradient = loss.computeGradient(y, z, new ActivationSigmoid(), null);
        assertEquals(zBefore, z, "the logits are left as they were");
        assertEquals(yBefore, y, "the targets are left as they were");
        double total = 0;
        for (int i = 0; i < 3; i++) {
            double expected = xent(y.getDouble(i, 0), z.getDouble(i, 0)) + xent(y.getDouble(i, 0), z.getDouble(i, 1));
            assertEquals(expected, perExample.getDouble(i), 1e-4, "example " + i);
            total += expected;
            for (int k = 0; k < 2; k++) {
                assertEquals(sigmoid(z.getDouble(i, k)) - y.getDouble(i, 0), gradient.getDouble(i, k), 1e-6,
                        "d loss / d z[" + i + "][" + k + "]");
            }
        }
        assertEquals(total / 3, loss.computeScore(y, z, new ActivationSigmoid(), null, true), 1e-4);
        assertThrows(IllegalArgumentException.class,
                () -> loss.computeScoreArray(Nd4j.zeros(DataType.DOUBLE, 3, 2), z, new ActivationSigmoid(), null));
    }

    /** in [batch, 3] -> two linear logits -> BranchMeanOutput, in double precision. */
    private static ComputationGraph twoHeads() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(8).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(3))
                .addLayer("a", new DenseLayer.Builder().nIn(3).nOut(1).activation(Activation.IDENTITY).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(3).nOut(1).activation(Activation.TANH).build(), "in")
                .addVertex("logits", new MergeVertex(), "a", "b")
                .addLayer("out", new BranchMeanOutput(2), "logits")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void thePredictionIsTheSigmoidOfTheLogitsMeanAndPassesDl4jsGradientCheck() {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraph g = twoHeads();
            INDArray x = GradientChecks.gaussian(3, 4, 3);
            Map<String, INDArray> acts = g.feedForward(x, false);
            INDArray out = g.outputSingle(x);
            assertEquals(1, out.size(1));
            for (int i = 0; i < 4; i++) {
                double mean = (acts.get("a").getDouble(i, 0) + acts.get("b").getDouble(i, 0)) / 2;
                assertEquals(sigmoid(mean), out.getDouble(i, 0), 1e-12, "example " + i);
            }
            INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {0.3}, {1}});
            assertTrue(org.deeplearning4j.gradientcheck.GradientCheckUtil.checkGradients(
                    new org.deeplearning4j.gradientcheck.GradientCheckUtil.GraphConfig().net(g)
                            .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                            .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).exitOnFirstError(true)),
                    "gradient check");
        });
    }

    private static ExperimentConfig config(String architecture) {
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23).with(Map.of("architecture", architecture,
                "ngram-buckets", "50", "ngram-size", "4"));
    }

    /** The n-gram table's gradient on one batch after the BiLSTM side's logit weights are tripled. */
    private static INDArray[] ngramGradientBeforeAndAfterChangingTheLstmSide(String architecture) {
        ComputationGraph g = SentimentGraph.build(config(architecture), VOCAB);
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{3, 4, 5, 6}}, {{7, 8, 0, 0}}, {{9, 2, 2, 0}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 1, 1, 0}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}});
        INDArray[] grads = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            if (i == 1) {
                String lstmSide = architecture.equals("hybrid-heads") ? SentimentGraph.LSTM_LOGIT : SentimentGraph.OUTPUT;
                g.getLayer(lstmSide).setParam("W", g.getLayer(lstmSide).getParam("W").mul(3));
            }
            g.setInputs(ids);
            g.setLayerMaskArrays(new INDArray[] {mask}, null);
            g.setLabels(labels);
            g.computeGradientAndScore();
            grads[i] = g.gradient().getGradientFor(SentimentGraph.NGRAMS + "_W").dup();
        }
        return grads;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hybrid-heads", "hybrid"})
    void onlyWithHeadsDoesTheNgramSideLearnIndependentlyOfTheLstmSide(String architecture) {
        INDArray[] g = ngramGradientBeforeAndAfterChangingTheLstmSide(architecture);
        assertTrue(g[0].amaxNumber().doubleValue() > 0, "the n-gram table learns");
        if (architecture.equals("hybrid-heads")) {
            assertEquals(0, g[0].sub(g[1]).amaxNumber().doubleValue(), 1e-7);
        } else {
            // merged features share one output: what the n-gram side is told depends on the other side
            assertNotEquals(0, g[0].sub(g[1]).amaxNumber().doubleValue(), 1e-7);
        }
    }

    @Test
    void theHeadsModelPredictsTheMeanOfItsTwoSidesLogits() {
        ComputationGraph g = SentimentGraph.build(config("hybrid-heads"), VOCAB);
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{3, 4, 5, 6}}, {{7, 8, 0, 0}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        g.setLayerMaskArrays(new INDArray[] {mask}, null);
        Map<String, INDArray> acts = g.feedForward(new INDArray[] {ids}, false, false);
        INDArray out = g.output(false, new INDArray[] {ids}, new INDArray[] {mask})[0];
        for (int i = 0; i < 2; i++) {
            double mean = (acts.get(SentimentGraph.LSTM_LOGIT).getDouble(i, 0) + acts.get(SentimentGraph.NGRAM_LOGIT).getDouble(i, 0)) / 2;
            assertEquals(sigmoid(mean), out.getDouble(i, 0), 1e-6);
        }
    }

    @Test
    void aMaskPerLogitKeepsAReviewFromOneSidesLossOnly() {
        ComputationGraph g = SentimentGraph.build(config("hybrid-heads"), VOCAB);
        // review 0 (words 3-6) trains both sides; review 1 (words 7, 8: a teacher's) only the LSTM side
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{3, 4, 5, 6}}, {{7, 8, 0, 0}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0.2f}});
        INDArray perLogit = Nd4j.createFromArray(new float[][] {{1, 1}, {1, 0}});
        g.setInputs(ids);
        g.setLayerMaskArrays(new INDArray[] {mask}, new INDArray[] {perLogit});
        g.setLabels(labels);
        g.computeGradientAndScore();
        INDArray table = g.gradient().getGradientFor(SentimentGraph.NGRAMS + "_W");
        INDArray embedding = g.gradient().getGradientFor(SentimentGraph.EMBEDDING + "_W");
        for (int word : new int[] {7, 8}) {
            assertEquals(0, table.getRow(word).amaxNumber().doubleValue(), 0.0, "the n-gram side ignores review 1");
            assertTrue(embedding.getRow(word).amaxNumber().doubleValue() > 0, "the LSTM side learns from it");
        }
        assertTrue(table.getRow(3).amaxNumber().doubleValue() > 0, "the n-gram side learns from review 0");
        // the score: both logits' cross-entropies of review 0, the LSTM logit's of review 1, over 2 reviews
        Map<String, INDArray> acts = g.feedForward(new INDArray[] {ids}, false, false);
        double expected = (xent(1, acts.get(SentimentGraph.LSTM_LOGIT).getDouble(0, 0))
                + xent(1, acts.get(SentimentGraph.NGRAM_LOGIT).getDouble(0, 0))
                + xent(0.2, acts.get(SentimentGraph.LSTM_LOGIT).getDouble(1, 0))) / 2;
        assertEquals(expected, g.score(), 1e-4);
        g.clearLayerMaskArrays();
        // and training with such a mask runs
        INDArray before = g.getParam(SentimentGraph.NGRAMS + "_W").dup();
        g.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {ids}, new INDArray[] {labels},
                new INDArray[] {mask}, new INDArray[] {perLogit}));
        INDArray moved = g.getParam(SentimentGraph.NGRAMS + "_W").sub(before);
        assertEquals(0, moved.getRow(7).amaxNumber().doubleValue(), 0.0);
        assertTrue(moved.getRow(3).amaxNumber().doubleValue() > 0);
    }

    @Test
    void teacherBranchesLstmMasksTheNgramLogitOfHeadsAndNeedsHeadsWhenThereIsATeacher() {
        ExperimentConfig lstm = config("hybrid-heads").with(Map.of("teacher-branches", "lstm", "teacher", "v5-model.zip"));
        assertEquals(List.of(1f, 0f), asList(SentimentGraph.taughtLogitsMask(lstm).orElseThrow()));
        assertTrue(SentimentGraph.taughtLogitsMask(config("hybrid-heads")).isEmpty(), "all: no mask");
        assertTrue(SentimentGraph.taughtLogitsMask(lstm.with(Map.of("teacher", ""))).isEmpty(), "no teacher: nothing to mask");
        assertTrue(SentimentGraph.taughtLogitsMask(lstm.with(Map.of("teacher", "", "architecture", "ngrams"))).isEmpty());
        assertThrows(org.imdbsentiment.model.config.ConfigException.class,
                () -> SentimentGraph.taughtLogitsMask(lstm.with(Map.of("architecture", "hybrid"))));
    }

    private static List<Float> asList(float[] a) {
        List<Float> out = new java.util.ArrayList<>();
        for (float f : a) {
            out.add(f);
        }
        return out;
    }
}
