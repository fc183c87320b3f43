package org.imdbsentiment.model.lstm;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.model.GradientChecks;
import org.imdbsentiment.model.LstmImplementation;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.embedding.FastEmbeddingSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastLstmTest {
    private static final int VOCAB = 40;

    @Test
    void fastTanhAndSigmoidAreWithinAFewFloatRoundingsOfTheExactFunctions() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (double x = -20; x <= 20; x += 1e-3) {
            float f = (float) x;
            worstTanh = Math.max(worstTanh, Math.abs(FastTanh.tanh(f) - Math.tanh(f)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(FastTanh.sigmoid(f) - 1 / (1 + Math.exp(-f))));
        }
        // A float near 1 is rounded to 6e-8: a few roundings of the rational function's steps.
        assertTrue(worstTanh < 5e-7, "tanh error " + worstTanh);
        assertTrue(worstSigmoid < 3e-7, "sigmoid error " + worstSigmoid);
        assertEquals(0f, FastTanh.tanh(0f));
        assertEquals(1f, FastTanh.tanh(50f), 1e-6f);
        assertEquals(-1f, FastTanh.tanh(-50f), 1e-6f);
    }

    @Test
    void sentimentGraphGivesTheSameProbabilitiesLossAndGradientsAsWithDl4jsLstm() {
        ComputationGraph fast = sentimentGraph(LstmImplementation.FAST);
        ComputationGraph dl4j = sentimentGraph(LstmImplementation.DL4J);
        assertInstanceOf(FastLstmLayer.class, fast.getLayer(SentimentGraph.LSTM_LAYER));
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");

        // Five reviews of lengths 12, 7, 3, 12, 1, padded at the end, as the data pipeline does.
        Batch batch = Batch.postPadded(new int[] {12, 7, 3, 12, 1}, new Random(3));
        assertEquals(0, maxAbsDiff(dl4j.output(false, new INDArray[] {batch.features},
                new INDArray[] {batch.mask})[0], fast.output(false, new INDArray[] {batch.features},
                new INDArray[] {batch.mask})[0]), 2e-6);

        Pair<Double, INDArray> a = lossAndGradient(dl4j, batch);
        Pair<Double, INDArray> b = lossAndGradient(fast, batch);
        assertEquals(a.getFirst(), b.getFirst(), 1e-5);
        double scale = a.getSecond().amaxNumber().doubleValue();
        assertTrue(scale > 1e-3, "gradient is not trivially zero");
        assertEquals(0, maxAbsDiff(a.getSecond(), b.getSecond()) / scale, 1e-4);
    }

    @Test
    void singlePrecisionTrainingMatchesDl4jsLstmWithDirectAndTransposedStepProducts() {
        // 1-3 rows take the direct per-step product h·RW, more rows the transposed one (FloatLstmKernel).
        for (int[] lengths : new int[][] {{6}, {6, 2}, {3, 6, 1}, {9, 4, 7, 1, 9, 2, 5, 8, 3}}) {
            ComputationGraph fast = sentimentGraph(LstmImplementation.FAST);
            ComputationGraph dl4j = sentimentGraph(LstmImplementation.DL4J);
            Batch batch = Batch.postPadded(lengths, new Random(lengths.length));
            Pair<Double, INDArray> a = lossAndGradient(dl4j, batch);
            Pair<Double, INDArray> b = lossAndGradient(fast, batch);
            assertEquals(a.getFirst(), b.getFirst(), 1e-5, lengths.length + " rows: loss");
            double scale = a.getSecond().amaxNumber().doubleValue();
            assertTrue(scale > 1e-3, "gradient is not trivially zero");
            assertEquals(0, maxAbsDiff(a.getSecond(), b.getSecond()) / scale, 1e-4, lengths.length + " rows: gradient");
        }
    }

    @Test
    void overRecurringWordsOnlyTheDistinctInputRowsAreProjectedAndEverythingMatchesDl4jsLstm() {
        // Nine reviews of 7-30 words from 38: 270 input rows (padding included, one row), at most 39 distinct.
        int[] lengths = {30, 28, 25, 22, 20, 17, 12, 9, 7};
        ComputationGraph fast = sentimentGraph(LstmImplementation.FAST);
        ComputationGraph dl4j = sentimentGraph(LstmImplementation.DL4J);
        FastLstmLayer layer = (FastLstmLayer) fast.getLayer(SentimentGraph.LSTM_LAYER);
        Random r = new Random(21);
        Batch batch = Batch.postPadded(lengths, r);

        INDArray[] in = {batch.features};
        INDArray[] masks = {batch.mask};
        assertEquals(0, maxAbsDiff(dl4j.output(false, in, masks)[0], fast.output(false, in, masks)[0]), 2e-6);
        int distinct = layer.distinctRowsOfLastPass();
        assertTrue(distinct > 1 && distinct <= 39, "inference projected " + distinct + " distinct rows of 270");

        Pair<Double, INDArray> a = lossAndGradient(dl4j, batch);
        Pair<Double, INDArray> b = lossAndGradient(fast, batch);
        assertEquals(distinct, layer.distinctRowsOfLastPass(), "training projects the same distinct rows");
        assertEquals(a.getFirst(), b.getFirst(), 1e-5);
        double scale = a.getSecond().amaxNumber().doubleValue();
        assertTrue(scale > 1e-3, "gradient is not trivially zero");
        assertEquals(0, maxAbsDiff(a.getSecond(), b.getSecond()) / scale, 1e-4);

        for (int step = 0; step < 3; step++) {
            Batch next = Batch.postPadded(lengths, r);
            org.nd4j.linalg.dataset.MultiDataSet data = new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[] {next.features}, new INDArray[] {next.labels}, new INDArray[] {next.mask}, null);
            fast.fit(data);
            dl4j.fit(data);
            assertTrue(layer.distinctRowsOfLastPass() > 0, "step " + step + " projected the distinct rows");
        }
        assertEquals(0, maxAbsDiff(dl4j.params(), fast.params()), 1e-4);
    }

    @Test
    void withEmbeddingDropoutTheFastLayerDropsAndBackpropagatesAsDl4jsLstmDoes() {
        ComputationGraph fast = SentimentGraph.build(SmallConfig.of("scratch", 6, 8, "fast", 0.01, 17)
                .with(Map.of("embedding-dropout", "0.4")), VOCAB);
        ComputationGraph dl4j = SentimentGraph.build(SmallConfig.of("scratch", 6, 8, "dl4j", 0.01, 17)
                .with(Map.of("embedding-dropout", "0.4")), VOCAB);
        ComputationGraph none = sentimentGraph(LstmImplementation.FAST);
        assertInstanceOf(FastLstmLayer.class, fast.getLayer(SentimentGraph.LSTM_LAYER));
        Batch batch = Batch.postPadded(new int[] {12, 7, 3, 12, 1}, new Random(4));
        // The same random draws: the same dropout mask in both layers.
        Nd4j.getRandom().setSeed(77);
        Pair<Double, INDArray> a = lossAndGradient(dl4j, batch);
        Nd4j.getRandom().setSeed(77);
        Pair<Double, INDArray> b = lossAndGradient(fast, batch);
        FastLstmLayer layer = (FastLstmLayer) fast.getLayer(SentimentGraph.LSTM_LAYER);
        layer.setInput(Nd4j.rand(DataType.FLOAT, 2, 6, 3), LayerWorkspaceMgr.noWorkspaces());
        assertTrue(layer.fastPathApplies(), "dropout keeps the fast path");
        Pair<Double, INDArray> c = lossAndGradient(none, batch);
        assertEquals(a.getFirst(), b.getFirst(), 1e-5);
        double scale = a.getSecond().amaxNumber().doubleValue();
        assertEquals(0, maxAbsDiff(a.getSecond(), b.getSecond()) / scale, 1e-4);
        assertTrue(Math.abs(b.getFirst() - c.getFirst()) > 1e-4, "the dropout changed the training loss");
    }

    @Test
    void trainingStepsStayEqualToDl4jsLstm() {
        ComputationGraph fast = sentimentGraph(LstmImplementation.FAST);
        ComputationGraph dl4j = sentimentGraph(LstmImplementation.DL4J);
        Random r = new Random(9);
        for (int step = 0; step < 5; step++) {
            Batch batch = Batch.postPadded(new int[] {9, 4, 9, 2, 6, 8}, r);
            org.nd4j.linalg.dataset.MultiDataSet data = new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[] {batch.features}, new INDArray[] {batch.labels},
                    new INDArray[] {batch.mask}, null);
            fast.fit(data);
            dl4j.fit(data);
        }
        assertEquals(0, maxAbsDiff(dl4j.params(), fast.params()), 1e-4);
    }

    @Test
    void passesDl4jsGradientCheckWithPostAndPrePaddedMasks() {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraph g = doubleGraph(new FastLstm(4, 5));
            assertInstanceOf(FastLstmLayer.class, g.getLayer("lstm"));
            INDArray x = GradientChecks.gaussian(1, 3, 4, 6);
            // Example 0 uses all 6 steps, example 1 the first 3, example 2 the last 4 (padding first).
            INDArray mask = Nd4j.createFromArray(new double[][] {
                    {1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}, {0, 0, 1, 1, 1, 1}});
            INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}});
            assertTrue(GradientChecks.passes(g, x, mask, labels), "gradient check");
        });
    }

    @Test
    void doublePrecisionMatchesDl4jsLstmOnPrePaddedReviews() {
        ComputationGraph fast = doubleGraph(new FastLstm(4, 5));
        ComputationGraph dl4j = doubleGraph(new LSTM.Builder().nIn(4).nOut(5).activation(Activation.TANH).build());
        fast.setParams(dl4j.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 7).subi(0.5);
        INDArray mask = Nd4j.createFromArray(new double[][] {{0, 0, 0, 1, 1, 1, 1}, {0, 1, 1, 1, 1, 1, 1}});
        INDArray a = dl4j.output(false, new INDArray[] {x}, new INDArray[] {mask})[0];
        INDArray b = fast.output(false, new INDArray[] {x}, new INDArray[] {mask})[0];
        assertEquals(0, maxAbsDiff(a, b), 1e-12);
    }

    @Test
    void theProductIsFormedForExactlyOneToThreeRowsElseTheNextMultipleOfEight() {
        assertEquals(0, FloatInference.productRows(0));
        assertEquals(1, FloatInference.productRows(1));
        assertEquals(3, FloatInference.productRows(3));
        assertEquals(8, FloatInference.productRows(4));
        assertEquals(8, FloatInference.productRows(8));
        assertEquals(16, FloatInference.productRows(9));
        assertEquals(64, FloatInference.productRows(64));
    }

    @Test
    void singlePrecisionInferenceMatchesDl4jsLstmOnLongPreAndPostPaddedBatches() {
        int steps = 41;
        // Post-padded rows only: the packed pass (rows longest first, finished rows skipped).
        double[][] postPadded = new double[4][steps];
        int[] lengths = {17, 41, 1, 30};
        for (int e = 0; e < lengths.length; e++) {
            Arrays.fill(postPadded[e], 0, lengths[e], 1);
        }
        assertArrayEquals(lengths, org.imdbsentiment.model.SequenceMasks.postPaddedLengths(flat(postPadded), 4, steps));
        assertInferenceMatchesDl4j(postPadded);
        // More rows than one multiple of 8, finishing at many different steps: the per-step product
        // is formed for the next multiple of 8 rows, past rows holding finished rows' old states.
        int[] many = {41, 3, 38, 9, 41, 22, 1, 17, 30, 12, 41, 26, 5};
        double[][] longBatch = new double[many.length][steps];
        for (int e = 0; e < many.length; e++) {
            Arrays.fill(longBatch[e], 0, many[e], 1);
        }
        assertInferenceMatchesDl4j(longBatch);
        // A pre-padded row among them: every row at every step, masked.
        double[][] mixed = new double[3][steps];
        Arrays.fill(mixed[0], 1);
        Arrays.fill(mixed[1], 0, 17, 1);
        Arrays.fill(mixed[2], 30, steps, 1);
        assertNull(org.imdbsentiment.model.SequenceMasks.postPaddedLengths(flat(mixed), 3, steps));
        assertInferenceMatchesDl4j(mixed);
    }

    private static void assertInferenceMatchesDl4j(double[][] maskRows) {
        ComputationGraph fast = graph(new FastLstm(4, 16), DataType.FLOAT);
        ComputationGraph dl4j = graph(new LSTM.Builder().nIn(4).nOut(16).activation(Activation.TANH).build(),
                DataType.FLOAT);
        fast.setParams(dl4j.params());
        int steps = maskRows[0].length;
        INDArray x = Nd4j.rand(DataType.FLOAT, maskRows.length, 4, steps).subi(0.5).muli(4);
        INDArray mask = Nd4j.createFromArray(maskRows).castTo(DataType.FLOAT);
        INDArray a = dl4j.output(false, new INDArray[] {x}, new INDArray[] {mask})[0];
        INDArray b = fast.output(false, new INDArray[] {x}, new INDArray[] {mask})[0];
        assertEquals(0, maxAbsDiff(a, b), 2e-6);
        // The state after every step, not only the last: the layer's own activations.
        fast.getLayer("lstm").setMaskArray(mask);
        dl4j.getLayer("lstm").setMaskArray(mask);
        INDArray ha = dl4j.getLayer("lstm").activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        INDArray hb = fast.getLayer("lstm").activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(0, maxAbsDiff(ha, hb), 2e-6);
        assertTrue(ha.amaxNumber().doubleValue() > 0.05, "states are not trivially zero");
    }

    private static double[] flat(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void configurationsOutsideTheFastPathAreComputedByDl4jsOwnCode() {
        // A ReLU cell activation is not what LstmKernel computes: the layer must hand over to DL4J.
        FastLstm relu = new FastLstm(4, 5);
        relu.setActivationFn(new org.nd4j.linalg.activations.impl.ActivationReLU());
        ComputationGraph fast = doubleGraph(relu);
        ComputationGraph dl4j = doubleGraph(new LSTM.Builder().nIn(4).nOut(5).activation(Activation.RELU).build());
        fast.setParams(dl4j.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5);
        assertEquals(dl4j.outputSingle(x), fast.outputSingle(x));
    }

    @Test
    void savedGraphRestoresWithTheFastLayerAndTheSameOutputs(@TempDir Path dir) throws Exception {
        ComputationGraph g = sentimentGraph(LstmImplementation.FAST);
        Batch batch = Batch.postPadded(new int[] {5, 2, 8}, new Random(4));
        g.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {batch.features},
                new INDArray[] {batch.labels}, new INDArray[] {batch.mask}, null));
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(g, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertInstanceOf(FastLstmLayer.class, restored.getLayer(SentimentGraph.LSTM_LAYER));
        assertEquals(g.params(), restored.params());
        assertEquals(g.getConfiguration().toJson(), restored.getConfiguration().toJson());
        INDArray[] in = {batch.features};
        INDArray[] masks = {batch.mask};
        assertEquals(g.output(false, in, masks)[0], restored.output(false, in, masks)[0]);
    }

    @Test
    void configurationIsDl4jsLstmConfigurationApartFromTheClasses() {
        String fast = sentimentGraph(LstmImplementation.FAST).getConfiguration().toJson();
        String dl4j = sentimentGraph(LstmImplementation.DL4J).getConfiguration().toJson();
        // The fast LSTM's graph also takes the fast embedding layer, also DL4J's configuration.
        assertEquals(dl4j, fast.replace(FastLstm.class.getName(), LSTM.class.getName())
                .replace(FastEmbeddingSequence.class.getName(), EmbeddingSequenceLayer.class.getName()));
    }

    private static ComputationGraph sentimentGraph(LstmImplementation lstm) {
        return SentimentGraph.build(SmallConfig.of("scratch", 6, 8, lstm.key(), 0.01, 17), VOCAB);
    }

    private static ComputationGraph doubleGraph(Layer lstm) {
        return graph(lstm, DataType.DOUBLE);
    }

    private static ComputationGraph graph(Layer lstm, DataType dataType) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(dataType).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(4))
                .addLayer("lstm", lstm, "in")
                .addVertex("last", new LastTimeStepVertex("in"), "lstm")
                .addLayer("out", new OutputLayer.Builder(new LossBinaryXENT()).nIn(5).nOut(1)
                        .activation(Activation.SIGMOID).build(), "last")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static Pair<Double, INDArray> lossAndGradient(ComputationGraph g, Batch batch) {
        g.setInputs(batch.features);
        g.setLayerMaskArrays(new INDArray[] {batch.mask}, null);
        g.setLabels(batch.labels);
        g.computeGradientAndScore();
        return new Pair<>(g.score(), g.gradient().gradient().dup());
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** Token features [B, 1, T], mask [B, T] and labels [B, 1] for reviews of the given lengths. */
    private record Batch(INDArray features, INDArray mask, INDArray labels) {
        static Batch postPadded(int[] lengths, Random r) {
            int steps = java.util.Arrays.stream(lengths).max().orElseThrow();
            INDArray f = Nd4j.zeros(DataType.FLOAT, lengths.length, 1, steps);
            INDArray m = Nd4j.zeros(DataType.FLOAT, lengths.length, steps);
            INDArray y = Nd4j.zeros(DataType.FLOAT, lengths.length, 1);
            for (int b = 0; b < lengths.length; b++) {
                for (int t = 0; t < lengths[b]; t++) {
                    f.putScalar(new int[] {b, 0, t}, 2 + r.nextInt(VOCAB - 2));
                    m.putScalar(new int[] {b, t}, 1);
                }
                y.putScalar(b, 0, r.nextBoolean() ? 1 : 0);
            }
            return new Batch(f, m, y);
        }
    }
}
