package org.imdbsentiment.model.ngram;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.bundle.Provenance;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ngram-weighting=nb}: the n-gram bag as NBSVM weights it. Ratios counted as NBSVM counts them,
 * each distinct n-gram once, the ratios held by the model and never trained, and bundles that keep the
 * ratios (DL4J's gradient check, padding invariance and old models' JSON: {@link NgramBranchTest}).
 */
class NaiveBayesBagTest {
    private static final int VOCAB = 30;

    private static ExperimentConfig config(String architecture) {
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23).with(Map.of("architecture", architecture,
                "ngram-buckets", "50", "ngram-size", "4", "ngram-weighting", "nb"));
    }

    private static float[] ratios(NgramHash hash, long seed) {
        return NgramBranchTest.randomRatios(hash.rows(), seed);
    }

    @Test
    void theRatiosAreNbsvmsLogCountRatiosOfTheReviewsHoldingEachRow() {
        NgramHash hash = new NgramHash(10, 7);
        // "5 6 5" (positive), "5 7" (positive), "7 8" (negative): a review counts a row once
        List<NaiveBayesRatios.Labelled> reviews = List.of(new NaiveBayesRatios.Labelled(new int[] {5, 6, 5}, true),
                new NaiveBayesRatios.Labelled(new int[] {5, 7}, true), new NaiveBayesRatios.Labelled(new int[] {7, 8}, false));
        float[] r = NaiveBayesRatios.of(reviews, hash, 2);
        double[] p = new double[hash.rows()];
        double[] q = new double[hash.rows()];
        java.util.Arrays.fill(p, 1);
        java.util.Arrays.fill(q, 1);
        for (int row : new int[] {5, 6, hash.row(5, 6), hash.row(6, 5)}) {
            p[row] += 1;
        }
        for (int row : new int[] {5, 7, hash.row(5, 7)}) {
            p[row] += 1;
        }
        for (int row : new int[] {7, 8, hash.row(7, 8)}) {
            q[row] += 1;
        }
        double pSum = java.util.Arrays.stream(p).sum();
        double qSum = java.util.Arrays.stream(q).sum();
        for (int i = 0; i < r.length; i++) {
            assertEquals(Math.log((p[i] / pSum) / (q[i] / qSum)), r[i], 1e-6, "row " + i);
        }
        assertTrue(r[5] > r[7] && r[7] > r[8], "word 5 only in positive reviews, 8 only in the negative one");
    }

    @Test
    void theBagSumsEachDistinctNgramsVectorTimesItsRatio() {
        ComputationGraph g = SentimentGraph.build(config("ngrams"), VOCAB);
        NgramHash hash = new NgramHash(VOCAB, 50);
        float[] ratios = ratios(hash, 3);
        NaiveBayesRatios.set(g.getLayer(SentimentGraph.NGRAMS), ratios);
        INDArray table = g.getLayer(SentimentGraph.NGRAMS).getParam("W");
        // "5 7 5 7" pre-padded: unigrams 5, 7 and bigrams (5 7), (7 5) once each
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{11, 5, 7, 5, 7}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{0, 1, 1, 1, 1}});
        INDArray expected = Nd4j.zeros(DataType.FLOAT, 4);
        // (a set: two bigrams that share a bucket are one row, read once)
        for (int row : new java.util.TreeSet<>(List.of(5, 7, hash.row(5, 7), hash.row(7, 5)))) {
            expected.addi(table.getRow(row).mul(ratios[row]));
        }
        g.setLayerMaskArrays(new INDArray[] {mask}, null);
        INDArray bag = g.feedForward(new INDArray[] {ids}, false, false).get(SentimentGraph.NGRAMS);
        g.clearLayerMaskArrays();
        assertEquals(0, bag.getRow(0).sub(expected).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void trainingMovesTheTableButNeverTheRatiosAndWeightDecaySparesThem() {
        ComputationGraph g = SentimentGraph.build(config("hybrid-heads").with(Map.of("weight-decay", "0.1")), VOCAB);
        NaiveBayesRatios.set(g.getLayer(SentimentGraph.NGRAMS), ratios(new NgramHash(VOCAB, 50), 7));
        INDArray ratiosBefore = g.getLayer(SentimentGraph.NGRAMS).getParam(NgramBagParams.RATIOS_KEY).dup();
        INDArray tableBefore = g.getLayer(SentimentGraph.NGRAMS).getParam("W").dup();
        INDArray ids = Nd4j.createFromArray(new float[][][] {{{3, 4, 5, 6}}, {{7, 8, 0, 0}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        for (int i = 0; i < 3; i++) {
            g.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {ids},
                    new INDArray[] {Nd4j.createFromArray(new float[][] {{1}, {0}})}, new INDArray[] {mask}, null));
        }
        assertEquals(ratiosBefore, g.getLayer(SentimentGraph.NGRAMS).getParam(NgramBagParams.RATIOS_KEY));
        assertNotEquals(tableBefore, g.getLayer(SentimentGraph.NGRAMS).getParam("W"));
    }

    @Test
    void untilTheyAreSetEveryRatioIsOneAndAWrongSizeIsRefused() {
        ComputationGraph g = SentimentGraph.build(config("ngrams"), VOCAB);
        INDArray r = g.getLayer(SentimentGraph.NGRAMS).getParam(NgramBagParams.RATIOS_KEY);
        assertEquals(1.0, r.minNumber().doubleValue());
        assertEquals(1.0, r.maxNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> NaiveBayesRatios.set(g.getLayer(SentimentGraph.NGRAMS), new float[3]));
        ComputationGraph mean = SentimentGraph.build(config("ngrams").with(Map.of("ngram-weighting", "mean")), VOCAB);
        assertThrows(IllegalArgumentException.class,
                () -> NaiveBayesRatios.set(mean.getLayer(SentimentGraph.NGRAMS), new float[VOCAB + 50]));
        assertEquals(List.of("W"), List.copyOf(mean.getLayer(SentimentGraph.NGRAMS).paramTable().keySet()));
    }

    @Test
    void bundlesKeepTheRatios(@TempDir Path dir) throws Exception {
        Vocabulary vocab = Vocabulary.of(List.of("good", "bad", "film"));
        ExperimentConfig config = config("hybrid-heads");
        ComputationGraph graph = SentimentGraph.build(config, vocab.size());
        NaiveBayesRatios.set(graph.getLayer(SentimentGraph.NGRAMS), ratios(new NgramHash(vocab.size(), 50), 13));
        ModelBundle b = new ModelBundle(graph, vocab, WordTokenizer.NAME, WordTokenizer.RULES_VERSION, config,
                new Provenance("0", "c", "run", "now", 23, null, null, null, null), null);
        b.write(dir.resolve("m.zip"));
        ModelBundle read = ModelBundle.read(dir.resolve("m.zip"));
        assertEquals(graph.getLayer(SentimentGraph.NGRAMS).getParam(NgramBagParams.RATIOS_KEY),
                read.graph().getLayer(SentimentGraph.NGRAMS).getParam(NgramBagParams.RATIOS_KEY));
        assertEquals(b.graph().params(), read.graph().params());
        assertEquals(b.pipeline().predict(b.graph(), List.of("good film", "bad bad film")),
                read.pipeline().predict(read.graph(), List.of("good film", "bad bad film")));
        assertArrayEquals(new long[] {vocab.size() + 50L, 4}, read.graph().getLayer(SentimentGraph.NGRAMS).getParam("W").shape());
    }
}
