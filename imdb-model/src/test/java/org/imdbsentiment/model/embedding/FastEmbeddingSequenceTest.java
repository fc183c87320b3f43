package org.imdbsentiment.model.embedding;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.model.LstmImplementation;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.lstm.FastLstm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastEmbeddingSequenceTest {
    private static final int VOCAB = 30;
    private static final int WIDTH = 6;

    @Test
    void outputsAndWeightGradientAreDl4jsBitForBitWithPostPrePaddedAndNoMask() {
        // Below DL4J's LSTM (whose input gradient comes in DL4J's 'f' layout) and below the fast LSTM
        // (which hands on a view of its time-major array): the same numbers as DL4J's embedding either way.
        assertSameAsDl4j(false);
        assertSameAsDl4j(true);
    }

    private static void assertSameAsDl4j(boolean fastLstm) {
        ComputationGraph dl4j = graph(false, fastLstm);
        ComputationGraph fast = graph(true, fastLstm);
        assertInstanceOf(FastEmbeddingSequenceLayer.class, fast.getLayer("embedding"));
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
        Random random = new Random(11);
        // Repeated ids, so that the gradient's rows sum several steps (the order of the sums matters).
        int[] lengths = {9, 4, 1, 9, 6};
        for (Padding padding : Padding.values()) {
            INDArray ids = Nd4j.zeros(DataType.FLOAT, lengths.length, 1, 9);
            INDArray mask = Nd4j.zeros(DataType.FLOAT, lengths.length, 9);
            for (int b = 0; b < lengths.length; b++) {
                for (int t = 0; t < 9; t++) {
                    boolean real = padding == Padding.NONE
                            || (padding == Padding.POST ? t < lengths[b] : t >= 9 - lengths[b]);
                    // Padded slots hold random ids too: the mask alone must decide.
                    ids.putScalar(new int[] {b, 0, t}, random.nextInt(VOCAB / 3));
                    mask.putScalar(new int[] {b, t}, real ? 1 : 0);
                }
            }
            INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}, {1}});
            INDArray[] masks = padding == Padding.NONE ? null : new INDArray[] {mask};
            INDArray ea = embedded(dl4j, ids, masks);
            INDArray eb = embedded(fast, ids, masks);
            assertEquals(0, ea.sub(eb).amaxNumber().doubleValue(), padding + ": embedding outputs, bit for bit");
            assertTrue(ea.amaxNumber().doubleValue() > 0.1, "outputs are not trivially zero");
            assertEquals(dl4j.output(false, new INDArray[] {ids}, masks)[0], fast.output(false, new INDArray[] {ids}, masks)[0]);

            INDArray ga = gradient(dl4j, ids, masks, labels);
            INDArray gb = gradient(fast, ids, masks, labels);
            assertTrue(ga.amaxNumber().doubleValue() > 1e-4, "the gradient is not trivially zero");
            assertEquals(0, ga.sub(gb).amaxNumber().doubleValue(), padding + ": weight gradient, bit for bit");
        }
    }

    @Test
    void anIdOutsideTheVocabularyIsRefusedAsDl4jRefusesIt() {
        ComputationGraph fast = graph(true);
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{1, 2, VOCAB}}});
        DL4JInvalidInputException e = assertThrows(DL4JInvalidInputException.class, () -> fast.outputSingle(ids));
        assertTrue(e.getMessage().contains("got index " + VOCAB), e.getMessage());
    }

    @Test
    void theCopiedConfigurationIsDl4jsApartFromTheClassAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        EmbeddingSequenceLayer dl4j = new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(WIDTH)
                .weightInit(new NormalDistribution(0, 1)).build();
        FastEmbeddingSequence fast = FastEmbeddingSequence.of(dl4j);
        String a = NeuralNetConfiguration.mapper().writeValueAsString(dl4j);
        String b = NeuralNetConfiguration.mapper().writeValueAsString(fast);
        assertEquals(a, b.replace(FastEmbeddingSequence.class.getName(), EmbeddingSequenceLayer.class.getName()));

        ComputationGraph g = graph(true);
        File file = dir.resolve("g.zip").toFile();
        ModelSerializer.writeModel(g, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertInstanceOf(FastEmbeddingSequenceLayer.class, restored.getLayer("embedding"));
        assertEquals(g.params(), restored.params());
    }

    @Test
    void sentimentGraphsUseItWithTheFastLstmOnlyAndFreezeItInV3() {
        ComputationGraph fast = SentimentGraph.build(SmallConfig.of("scratch", 6, 8, LstmImplementation.FAST.key(), 0.01, 17), VOCAB);
        ComputationGraph dl4j = SentimentGraph.build(SmallConfig.of("scratch", 6, 8, LstmImplementation.DL4J.key(), 0.01, 17), VOCAB);
        assertInstanceOf(FastEmbeddingSequenceLayer.class, fast.getLayer(SentimentGraph.EMBEDDING));
        assertFalse(dl4j.getLayer(SentimentGraph.EMBEDDING) instanceof FastEmbeddingSequenceLayer);
        Layer frozen = new FrozenLayer(FastEmbeddingSequence.of(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(WIDTH).build()));
        assertInstanceOf(FastEmbeddingSequence.class, ((FrozenLayer) frozen).getLayer());
    }

    private enum Padding { POST, PRE, NONE }

    private static INDArray embedded(ComputationGraph g, INDArray ids, INDArray[] masks) {
        g.setLayerMaskArrays(masks, null);
        INDArray out = g.feedForward(new INDArray[] {ids}, true).get("embedding").dup();
        g.clearLayerMaskArrays();
        return out;
    }

    private static INDArray gradient(ComputationGraph g, INDArray ids, INDArray[] masks, INDArray labels) {
        g.setInputs(ids);
        g.setLayerMaskArrays(masks, null);
        g.setLabels(labels);
        g.computeGradientAndScore();
        return g.gradient().getGradientFor("embedding_W").dup();
    }

    /** ids [B, 1, T] -> embedding -> DL4J's or the fast LSTM -> last step -> sigmoid, with DL4J's or the fast embedding. */
    private static ComputationGraph graph(boolean fastEmbedding) {
        return graph(fastEmbedding, false);
    }

    private static ComputationGraph graph(boolean fastEmbedding, boolean fastLstm) {
        EmbeddingSequenceLayer dl4j = new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(WIDTH)
                .weightInit(new NormalDistribution(0, 1)).build();
        Layer embedding = fastEmbedding ? FastEmbeddingSequence.of(dl4j) : dl4j;
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer("embedding", embedding, "in")
                .addLayer("lstm", fastLstm ? new FastLstm(WIDTH, 5)
                        : new LSTM.Builder().nIn(WIDTH).nOut(5).activation(Activation.TANH).build(), "embedding")
                .addVertex("last", new LastTimeStepVertex("in"), "lstm")
                .addLayer("out", new OutputLayer.Builder(new LossBinaryXENT()).nIn(5).nOut(1)
                        .activation(Activation.SIGMOID).build(), "last")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
