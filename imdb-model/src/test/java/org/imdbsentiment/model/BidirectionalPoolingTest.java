package org.imdbsentiment.model;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.bundle.Provenance;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.lstm.FastLstm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * v4's middle: DL4J's Bidirectional around the fast LSTM, then masked max and mean pooling. The fast
 * layer must compute the reverse direction as DL4J's own layer does (DL4J feeds it each review
 * reversed, so padding comes first), and padding must never reach the output.
 */
class BidirectionalPoolingTest {
    private static final int VOCAB = 30;

    private static ExperimentConfig v4(String lstm) {
        return SmallConfig.of("scratch", 6, 5, lstm, 0.01, 23).with(Map.of("architecture", "bilstm-pool"));
    }

    private static INDArray[] batch(int[] lengths, int steps, Random r, boolean randomPadding) {
        INDArray f = Nd4j.zeros(DataType.FLOAT, lengths.length, 1, steps);
        INDArray m = Nd4j.zeros(DataType.FLOAT, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < steps; t++) {
                boolean real = t < lengths[b];
                f.putScalar(new int[] {b, 0, t}, real ? 2 + (b * 7 + t * 3) % (VOCAB - 2) : randomPadding ? 2 + r.nextInt(VOCAB - 2) : 0);
                m.putScalar(new int[] {b, t}, real ? 1 : 0);
            }
        }
        return new INDArray[] {f, m};
    }

    @Test
    void theFastLayerInsideBidirectionalGivesDl4jsOutputsLossAndGradients() {
        ComputationGraph fast = SentimentGraph.build(v4("fast"), VOCAB);
        ComputationGraph dl4j = SentimentGraph.build(v4("dl4j"), VOCAB);
        assertTrue(fast.getLayer(SentimentGraph.LSTM_LAYER) instanceof BidirectionalLayer);
        assertEquals(dl4j.params(), fast.params());
        INDArray[] b = batch(new int[] {9, 4, 1, 9, 6}, 9, new Random(2), false);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}, {1}});
        INDArray a = dl4j.output(false, new INDArray[] {b[0]}, new INDArray[] {b[1]})[0];
        INDArray c = fast.output(false, new INDArray[] {b[0]}, new INDArray[] {b[1]})[0];
        assertEquals(0, a.sub(c).amaxNumber().doubleValue(), 2e-6);
        for (ComputationGraph g : List.of(dl4j, fast)) {
            g.setInputs(b[0]);
            g.setLayerMaskArrays(new INDArray[] {b[1]}, null);
            g.setLabels(labels);
            g.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), fast.score(), 1e-5);
        INDArray gd = dl4j.gradient().gradient();
        double scale = gd.amaxNumber().doubleValue();
        assertTrue(scale > 1e-4);
        assertEquals(0, gd.sub(fast.gradient().gradient()).amaxNumber().doubleValue() / scale, 1e-4);
    }

    @Test
    void passesDl4jsGradientCheckWithPostAndPrePaddedMasks() {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraph g = doubleGraph(new FastLstm(3, 4));
            INDArray[] batch = GradientChecks.pooledBidirectionalBatch();
            INDArray x = batch[0];
            INDArray mask = batch[1];
            assertTrue(GradientChecks.passes(g, x, mask, batch[2]), "gradient check");
            // and the same function as with DL4J's own layer in both directions
            ComputationGraph dl4j = doubleGraph(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build());
            dl4j.setParams(g.params());
            assertEquals(0, g.output(false, new INDArray[] {x}, new INDArray[] {mask})[0]
                    .sub(dl4j.output(false, new INDArray[] {x}, new INDArray[] {mask})[0]).amaxNumber().doubleValue(), 1e-12);
        });
    }

    @Test
    void paddingNeverReachesTheOutput() {
        ComputationGraph g = SentimentGraph.build(v4("fast"), VOCAB);
        int[] lengths = {7, 3, 5};
        INDArray[] tight = batch(lengths, 7, new Random(1), false);
        INDArray[] padded = batch(lengths, 40, new Random(1), false);
        INDArray[] noisy = batch(lengths, 40, new Random(9), true);
        INDArray a = g.output(false, new INDArray[] {tight[0]}, new INDArray[] {tight[1]})[0];
        INDArray b = g.output(false, new INDArray[] {padded[0]}, new INDArray[] {padded[1]})[0];
        INDArray c = g.output(false, new INDArray[] {noisy[0]}, new INDArray[] {noisy[1]})[0];
        assertEquals(0, a.sub(b).amaxNumber().doubleValue(), 1e-6);
        assertEquals(0, a.sub(c).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void embeddingDropoutActsInTrainingOnlyAndKeepsPaddingOut() {
        ComputationGraph plain = SentimentGraph.build(v4("fast"), VOCAB);
        ComputationGraph dropped = SentimentGraph.build(v4("fast").with(Map.of("embedding-dropout", "0.5")), VOCAB);
        assertNotNull(((Bidirectional) dropped.getLayer(SentimentGraph.LSTM_LAYER).conf().getLayer()).getFwd().getIDropout(),
                "the LSTM drops its input, the word vectors");
        dropped.setParams(plain.params()); // dropout has no parameters: the same model otherwise
        int[] lengths = {7, 3, 5};
        INDArray[] tight = batch(lengths, 7, new Random(1), false);
        INDArray[] noisy = batch(lengths, 40, new Random(9), true);
        INDArray expected = plain.output(false, new INDArray[] {tight[0]}, new INDArray[] {tight[1]})[0];
        INDArray inference = dropped.output(false, new INDArray[] {tight[0]}, new INDArray[] {tight[1]})[0];
        INDArray paddedInference = dropped.output(false, new INDArray[] {noisy[0]}, new INDArray[] {noisy[1]})[0];
        assertEquals(0, expected.sub(inference).amaxNumber().doubleValue(), 1e-6, "the identity at inference");
        assertEquals(0, expected.sub(paddedInference).amaxNumber().doubleValue(), 1e-6, "padding never reaches the output");
        INDArray training = dropped.output(true, new INDArray[] {tight[0]}, new INDArray[] {tight[1]})[0];
        assertTrue(expected.sub(training).amaxNumber().doubleValue() > 1e-4, "dropped word vectors change a training pass");
    }

    @Test
    void aV4BundleRoundTrips(@TempDir Path dir) throws Exception {
        Vocabulary vocab = Vocabulary.of(List.of("good", "bad", "film"));
        ExperimentConfig config = v4("fast");
        ModelBundle b = new ModelBundle(SentimentGraph.build(config, vocab.size()), vocab, WordTokenizer.NAME,
                WordTokenizer.RULES_VERSION, config, new Provenance("0", "c", "v4-run", "now", 23, null, null, null, null), null);
        b.write(dir.resolve("m.zip"));
        ModelBundle read = ModelBundle.read(dir.resolve("m.zip"));
        assertEquals(b.graph().params(), read.graph().params());
        assertEquals(b.pipeline().predict(b.graph(), List.of("good film")), read.pipeline().predict(read.graph(), List.of("good film")));
    }

    private static ComputationGraph doubleGraph(Layer lstm) {
        return GradientChecks.pooledBidirectional(new Bidirectional(Bidirectional.Mode.CONCAT, lstm));
    }
}
