package org.imdbsentiment.model.ngram;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.GradientChecks;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.bundle.Provenance;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bag-of-n-grams branch (architecture ngrams) and the hybrid (v5): hashing that a saved model can
 * rely on, DL4J's gradient check, padding that never reaches the output, and bundles that round-trip.
 */
class NgramBranchTest {
    private static final int VOCAB = 30;

    private static ExperimentConfig config(String architecture) {
        return config(architecture, 2);
    }

    private static ExperimentConfig config(String architecture, int order) {
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23).with(Map.of("architecture", architecture,
                "ngram-buckets", "50", "ngram-size", "4", "ngram-order", Integer.toString(order)));
    }

    @Test
    void bigramRowsAreFixedValuesInsideTheBucketRange() {
        NgramHash hash = new NgramHash(25_002, 1 << 20);
        // Pinned: a model saved today must find its bigrams in the same rows in every later run.
        assertEquals(List.of(hash.row(2, 3), hash.row(3, 2), hash.row(24_999, 7)),
                List.of(new NgramHash(25_002, 1 << 20).row(2, 3), hash.row(3, 2), hash.row(24_999, 7)));
        assertEquals(List.of(570_193, 988_295, 319_118), List.of(hash.row(2, 3), hash.row(3, 2), hash.row(24_999, 7)));
        assertNotEquals(hash.row(2, 3), hash.row(3, 2), "order matters");
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            int row = hash.row(r.nextInt(25_002), r.nextInt(25_002));
            assertTrue(row >= 25_002 && row < hash.rows(), "row " + row);
        }
        assertThrows(IllegalArgumentException.class, () -> new NgramHash(0, 5));
    }

    @Test
    void trigramRowsAreFixedValuesInsideTheBucketRangeAndDifferFromTheBigrams() {
        NgramHash hash = new NgramHash(25_002, 1 << 20);
        // Pinned, as the bigrams' are.
        assertEquals(List.of(201_708, 837_877, 287_245),
                List.of(hash.row(2, 3, 4), hash.row(4, 3, 2), hash.row(24_999, 7, 7)));
        assertNotEquals(hash.row(2, 3, 4), hash.row(2, 3), "a trigram is not its first bigram");
        Random r = new Random(4);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            int row = hash.row(r.nextInt(25_002), r.nextInt(25_002), r.nextInt(25_002));
            assertTrue(row >= 25_002 && row < hash.rows(), "row " + row);
            seen.add(row);
        }
        assertTrue(seen.size() > 9_900, "spread over the buckets: " + seen.size() + " distinct rows of 10,000");
    }

    @Test
    void orderOneCountsUnigramsAndOrderThreeAddsTheTrigramsOfRealSteps() {
        NgramHash hash = new NgramHash(VOCAB, 50);
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{11, 5, 7, 9, 12}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{0, 1, 1, 1, 0}});
        for (int order : new int[] {1, 3}) {
            ComputationGraph g = SentimentGraph.build(config("ngrams", order), VOCAB);
            INDArray table = g.getLayer(SentimentGraph.NGRAMS).getParam("W");
            INDArray expected = order == 1
                    ? table.getRow(5).add(table.getRow(7)).add(table.getRow(9)).div(3)
                    : table.getRow(5).add(table.getRow(7)).add(table.getRow(9))
                    .add(table.getRow(hash.row(5, 7))).add(table.getRow(hash.row(7, 9)))
                    .add(table.getRow(hash.row(5, 7, 9))).div(6);
            g.setLayerMaskArrays(new INDArray[] {mask}, null);
            INDArray bag = g.feedForward(new INDArray[] {ids}, false, false).get(SentimentGraph.NGRAMS);
            g.clearLayerMaskArrays();
            assertEquals(0, bag.getRow(0).sub(expected).amaxNumber().doubleValue(), 1e-6, "order " + order);
        }
    }

    /** The n-gram bag of a graph read from {@code json}. */
    static NgramBag bagIn(String json) {
        return (NgramBag) ComputationGraphConfiguration.fromJson(json).getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex l && l.getLayerConf().getLayer() instanceof NgramBag)
                .map(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf().getLayer()).findFirst().orElseThrow();
    }

    @Test
    void aModelSavedBeforeTheOrderExistedCountsBigrams() {
        String json = SentimentGraph.build(config("ngrams", 3), VOCAB).getConfiguration().toJson();
        String before = json.replaceAll("\"order\"\\s*:\\s*3\\s*,?", "");
        assertNotEquals(json, before);
        assertEquals(2, bagIn(before).getOrder());
    }

    @Test
    void aModelSavedBeforeTheWeightingExistedTakesTheMean() {
        String json = SentimentGraph.build(config("ngrams").with(Map.of("ngram-weighting", "nb")), VOCAB).getConfiguration().toJson();
        String before = json.replaceAll(",\\s*\"weighting\"\\s*:\\s*\"NB\"", "").replaceAll("\"weighting\"\\s*:\\s*\"NB\"\\s*,", "");
        assertNotEquals(json, before);
        assertEquals(NgramWeighting.NB, bagIn(json).getWeighting());
        assertEquals(NgramWeighting.MEAN, bagIn(before).getWeighting());
    }

    @Test
    void theBagIsTheMeanOfTheUnigramAndBigramVectorsOfRealSteps() {
        ComputationGraph g = SentimentGraph.build(config("ngrams"), VOCAB);
        INDArray table = g.getLayer(SentimentGraph.NGRAMS).getParam("W");
        NgramHash hash = new NgramHash(VOCAB, 50);
        // one review "5 7 9" pre-padded with two slots holding word ids that must not count
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{11, 12, 5, 7, 9}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{0, 0, 1, 1, 1}});
        INDArray expected = table.getRow(5).add(table.getRow(7)).add(table.getRow(9))
                .add(table.getRow(hash.row(5, 7))).add(table.getRow(hash.row(7, 9))).div(5);
        g.output(false, new INDArray[] {ids}, new INDArray[] {mask});
        INDArray bag = g.feedForward(new INDArray[] {ids}, false, false).get(SentimentGraph.NGRAMS);
        // feedForward without masks counts every step: 5 unigrams and 4 bigrams
        INDArray all = table.getRow(11).add(table.getRow(12)).add(table.getRow(5)).add(table.getRow(7)).add(table.getRow(9))
                .add(table.getRow(hash.row(11, 12))).add(table.getRow(hash.row(12, 5))).add(table.getRow(hash.row(5, 7)))
                .add(table.getRow(hash.row(7, 9))).div(9);
        assertEquals(0, bag.getRow(0).sub(all).amaxNumber().doubleValue(), 1e-6);
        g.setLayerMaskArrays(new INDArray[] {mask}, null);
        INDArray masked = g.feedForward(new INDArray[] {ids}, false, false).get(SentimentGraph.NGRAMS);
        g.clearLayerMaskArrays();
        assertEquals(0, masked.getRow(0).sub(expected).amaxNumber().doubleValue(), 1e-6);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2, MEAN", "3, MEAN", "2, NB", "3, NB"})
    void passesDl4jsGradientCheckWithPostAndPrePaddedMasks(int order, NgramWeighting weighting) {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(8).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                    .graphBuilder()
                    .addInputs("in")
                    .addLayer("bag", new NgramBag(VOCAB, 7, 3, order, weighting), "in")
                    .addLayer("out", new OutputLayer.Builder(new LossBinaryXENT()).nIn(3).nOut(1)
                            .activation(Activation.SIGMOID).build(), "bag")
                    .setOutputs("out")
                    .build();
            ComputationGraph g = new ComputationGraph(conf);
            g.init();
            java.util.Set<String> untrained = java.util.Set.of();
            if (weighting == NgramWeighting.NB) { // ratios of every sign; they are set, not trained
                NaiveBayesRatios.set(g.getLayer("bag"), randomRatios(VOCAB + 7, 5));
                untrained = java.util.Set.of("bag_" + NgramBagParams.RATIOS_KEY);
            }
            // repeated ids and bigrams: their gradients must add up in the shared rows
            INDArray ids = Nd4j.createFromArray(new double[][][] {{{3, 4, 3, 4, 3}}, {{5, 5, 6, 1, 1}}, {{2, 2, 8, 9, 8}}});
            INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}});
            INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}});
            assertTrue(GradientChecks.passes(g, ids, mask, labels, untrained), "gradient check");
        });
    }

    /** Naive Bayes ratios of every sign and size for a table of {@code rows}. */
    static float[] randomRatios(int rows, long seed) {
        Random r = new Random(seed);
        float[] ratios = new float[rows];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (float) (2 * r.nextGaussian());
        }
        return ratios;
    }

    private static INDArray[] batch(int[] lengths, int steps, Random r, boolean randomPadding, boolean prePadded) {
        INDArray f = Nd4j.zeros(DataType.FLOAT, lengths.length, 1, steps);
        INDArray m = Nd4j.zeros(DataType.FLOAT, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++) {
            int start = prePadded ? steps - lengths[b] : 0;
            for (int t = 0; t < steps; t++) {
                boolean real = t >= start && t < start + lengths[b];
                int word = 2 + (b * 7 + (t - start) * 3) % (VOCAB - 2);
                f.putScalar(new int[] {b, 0, t}, real ? word : randomPadding ? 2 + r.nextInt(VOCAB - 2) : 0);
                m.putScalar(new int[] {b, t}, real ? 1 : 0);
            }
        }
        return new INDArray[] {f, m};
    }

    @ParameterizedTest
    @ValueSource(strings = {"ngrams", "hybrid", "ngrams order 3", "hybrid order 3", "hybrid-heads", "hybrid-heads order 3",
            "ngrams nb", "hybrid-heads nb"})
    void paddingNeverReachesTheOutput(String architecture) {
        boolean nb = architecture.endsWith(" nb");
        String[] named = architecture.replace(" nb", "").split(" order ");
        ExperimentConfig config = config(named[0], named.length > 1 ? Integer.parseInt(named[1]) : 2);
        ComputationGraph g = SentimentGraph.build(nb ? config.with(Map.of("ngram-weighting", "nb")) : config, VOCAB);
        if (nb) {
            NaiveBayesRatios.set(g.getLayer(SentimentGraph.NGRAMS), randomRatios(VOCAB + 50, 11));
        }
        int[] lengths = {7, 3, 5, 1};
        INDArray[] tight = batch(lengths, 7, new Random(1), false, false);
        INDArray a = g.output(false, new INDArray[] {tight[0]}, new INDArray[] {tight[1]})[0];
        for (boolean pre : new boolean[] {false, true}) {
            INDArray[] padded = batch(lengths, 40, new Random(1), false, pre);
            INDArray[] noisy = batch(lengths, 40, new Random(9), true, pre);
            INDArray b = g.output(false, new INDArray[] {padded[0]}, new INDArray[] {padded[1]})[0];
            INDArray c = g.output(false, new INDArray[] {noisy[0]}, new INDArray[] {noisy[1]})[0];
            assertEquals(0, a.sub(b).amaxNumber().doubleValue(), 1e-6, "more padding, pre-padded " + pre);
            assertEquals(0, a.sub(c).amaxNumber().doubleValue(), 1e-6, "random ids in padded slots, pre-padded " + pre);
        }
    }

    @Test
    void theHybridLearnsFromBothBranches() {
        ComputationGraph g = SentimentGraph.build(config("hybrid"), VOCAB);
        INDArray[] b = batch(new int[] {6, 4, 2}, 6, new Random(1), false, false);
        g.setInputs(b[0]);
        g.setLayerMaskArrays(new INDArray[] {b[1]}, null);
        g.setLabels(Nd4j.createFromArray(new float[][] {{1}, {0}, {1}}));
        g.computeGradientAndScore();
        assertTrue(g.gradient().getGradientFor(SentimentGraph.NGRAMS + "_W").amaxNumber().doubleValue() > 0);
        assertTrue(g.gradient().getGradientFor(SentimentGraph.EMBEDDING + "_W").amaxNumber().doubleValue() > 0);
    }

    @Test
    void theNgramTableTakesItsOwnLearningRateAndTheRestKeepsTheCommonOne() {
        ComputationGraph g = SentimentGraph.build(config("hybrid").with(Map.of("ngram-learning-rate", "0.05")), VOCAB);
        INDArray ngramsBefore = g.getParam(SentimentGraph.NGRAMS + "_W").dup();
        INDArray embeddingBefore = g.getParam(SentimentGraph.EMBEDDING + "_W").dup();
        INDArray[] b = batch(new int[] {6, 4, 2}, 6, new Random(1), false, false);
        g.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {b[0]},
                new INDArray[] {Nd4j.createFromArray(new float[][] {{1}, {0}, {1}})}, new INDArray[] {b[1]}, null));
        // Adam's first step moves every weight with a gradient by about its learning rate.
        double ngramStep = g.getParam(SentimentGraph.NGRAMS + "_W").sub(ngramsBefore).amaxNumber().doubleValue();
        double embeddingStep = g.getParam(SentimentGraph.EMBEDDING + "_W").sub(embeddingBefore).amaxNumber().doubleValue();
        assertEquals(0.05, ngramStep, 0.005);
        assertEquals(0.01, embeddingStep, 0.001);
        // 0, the default, leaves the table on the common rate.
        ComputationGraph common = SentimentGraph.build(config("hybrid"), VOCAB);
        assertEquals(0.01, common.getLayer(SentimentGraph.NGRAMS).conf().getLayer().getUpdaterByParam("W")
                .getLearningRate(0, 0), 1e-12);
    }

    @Test
    void pretrainedVectorsHaveNoPlaceInTheNgramModelAlone() {
        ExperimentConfig glove = config("ngrams").with(Map.of("embedding", "glove-trainable"));
        assertThrows(IllegalArgumentException.class, () -> SentimentGraph.build(glove, VOCAB));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ngrams", "hybrid", "hybrid order 3", "hybrid-heads"})
    void bundlesRoundTrip(String architecture, @TempDir Path dir) throws Exception {
        Vocabulary vocab = Vocabulary.of(List.of("good", "bad", "film"));
        String[] named = architecture.split(" order ");
        ExperimentConfig config = config(named[0], named.length > 1 ? Integer.parseInt(named[1]) : 2);
        ModelBundle b = new ModelBundle(SentimentGraph.build(config, vocab.size()), vocab, WordTokenizer.NAME,
                WordTokenizer.RULES_VERSION, config, new Provenance("0", "c", "run", "now", 23, null, null, null, null), null);
        b.write(dir.resolve("m.zip"));
        ModelBundle read = ModelBundle.read(dir.resolve("m.zip"));
        assertEquals(b.graph().params(), read.graph().params());
        assertEquals(b.graph().getConfiguration().toJson(), read.graph().getConfiguration().toJson());
        assertEquals(b.pipeline().predict(b.graph(), List.of("good film", "bad bad film")),
                read.pipeline().predict(read.graph(), List.of("good film", "bad bad film")));
        assertArrayEquals(new long[] {vocab.size() + 50L, 4}, read.graph().getLayer(SentimentGraph.NGRAMS).getParam("W").shape());
        assertEquals(config.get(org.imdbsentiment.model.config.Settings.NGRAM_ORDER),
                ((NgramBag) read.graph().getLayer(SentimentGraph.NGRAMS).conf().getLayer()).getOrder());
    }
}
