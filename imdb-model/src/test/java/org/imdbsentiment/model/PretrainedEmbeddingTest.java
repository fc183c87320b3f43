package org.imdbsentiment.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretrainedEmbeddingTest {
    private static final int DIM = 4;
    private static final Vocabulary VOCAB = Vocabulary.of(List.of("good", "bad", "movie", "zzz", "qqq", "film"));
    private static final Map<String, float[]> VECTORS = Map.of(
            "good", new float[] {1, 2, 3, 4},
            "movie", new float[] {-1, -2, -3, -4},
            "film", new float[] {0.5f, 0.5f, -0.5f, -0.5f},
            "notinvocab", new float[] {9, 9, 9, 9});

    @Test
    void matchedRowsAreTheVectorsPadIsZeroOthersAreSeededAtTheSameScale() {
        PretrainedEmbedding e = PretrainedEmbedding.align(VOCAB, VECTORS, DIM, 3);
        INDArray m = e.matrix();
        assertArrayEquals(new long[] {8, DIM}, m.shape());
        assertEquals(3, e.matched());
        assertArrayEquals(new float[] {0, 0, 0, 0}, m.getRow(Vocabulary.PAD).toFloatVector());
        assertArrayEquals(VECTORS.get("good"), m.getRow(VOCAB.indexOf("good")).toFloatVector());
        assertArrayEquals(VECTORS.get("movie"), m.getRow(VOCAB.indexOf("movie")).toFloatVector());
        assertArrayEquals(VECTORS.get("film"), m.getRow(VOCAB.indexOf("film")).toFloatVector());
        assertEquals(Math.sqrt(61.0 / 11), e.initStd(), 1e-9); // sample std of the 12 matched values
        assertNotEquals(0f, m.getRow(Vocabulary.UNK).getFloat(0));
        assertNotEquals(0f, m.getRow(VOCAB.indexOf("bad")).getFloat(0));
        assertEquals(m, PretrainedEmbedding.align(VOCAB, VECTORS, DIM, 3).matrix());
        assertNotEquals(m, PretrainedEmbedding.align(VOCAB, VECTORS, DIM, 4).matrix());
    }

    @Test
    void aVectorOfAnotherSizeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PretrainedEmbedding.align(VOCAB, Map.of("good", new float[] {1, 2}), DIM, 1));
    }

    @Test
    void coverageCountsEntriesAndTrainingTokens() {
        Map<String, Long> counts = Map.of("good", 10L, "bad", 6L, "movie", 3L, "zzz", 2L, "qqq", 2L, "film", 1L,
                "rare", 1L);
        EmbeddingCoverage c = EmbeddingCoverage.of(VOCAB, VECTORS.keySet(), counts, 2);
        assertEquals(3, c.matched());
        assertEquals(8, c.vocabularySize());
        assertEquals(37.5, c.matchedPercent(), 1e-9);
        assertEquals(25, c.trainingTokens());
        assertEquals(14, c.coveredTokens());
        assertEquals(List.of(Map.entry("bad", 6L), Map.entry("qqq", 2L)), c.topUnmatched());
    }

    private static ExperimentConfig model(EmbeddingMode mode, double learningRate) {
        return SmallConfig.of(mode.key(), DIM, 6, "fast", learningRate, 1);
    }

    private static ComputationGraph graph(EmbeddingMode mode) {
        return SentimentGraph.build(model(mode, 0.05), VOCAB.size(),
                Optional.of(PretrainedEmbedding.align(VOCAB, VECTORS, DIM, 1).matrix()));
    }

    private static ReviewDataSetIterator batches() {
        Random r = new Random(2);
        List<EncodedReview> reviews = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            reviews.add(new EncodedReview("r" + i, r.ints(3 + r.nextInt(5), 1, VOCAB.size()).toArray(),
                    i % 2 == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE));
        }
        return ReviewDataSetIterator.forTraining(reviews, 8, BatchOrder.RANDOM, 1, () -> 0);
    }

    @Test
    void theGraphStartsFromThePretrainedVectors() {
        ComputationGraph g = graph(EmbeddingMode.GLOVE_TRAINABLE);
        assertEquals(PretrainedEmbedding.align(VOCAB, VECTORS, DIM, 1).matrix(), g.getParam("embedding_W"));
    }

    @Test
    void trainableEmbeddingChangesAfterFit() {
        ComputationGraph g = graph(EmbeddingMode.GLOVE_TRAINABLE);
        INDArray before = g.getParam("embedding_W").dup();
        INDArray lstmBefore = g.getParam("lstm_W").dup();
        g.fit(batches());
        assertNotEquals(before, g.getParam("embedding_W"));
        assertNotEquals(lstmBefore, g.getParam("lstm_W"));
    }

    @Test
    void frozenEmbeddingStaysWhileTheLstmLearns() {
        ComputationGraph g = graph(EmbeddingMode.GLOVE_FROZEN);
        INDArray before = g.getParam("embedding_W").dup();
        INDArray lstmBefore = g.getParam("lstm_W").dup();
        g.fit(batches());
        assertEquals(before, g.getParam("embedding_W"));
        assertNotEquals(lstmBefore, g.getParam("lstm_W"));
        long embeddingParams = (long) VOCAB.size() * DIM;
        assertEquals(g.numParams() - embeddingParams, g.getUpdater().getStateViewArray().length() / 2);
    }

    @ParameterizedTest
    @EnumSource(value = EmbeddingMode.class, names = {"GLOVE_TRAINABLE", "GLOVE_FROZEN"})
    void saveAndLoadKeepParametersAndTheFrozenWrapper(EmbeddingMode mode, @TempDir Path dir) throws IOException {
        ComputationGraph g = graph(mode);
        g.fit(batches());
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(g, file, true);
        ComputationGraph loaded = ComputationGraph.load(file, true);
        assertEquals(g.params(), loaded.params());
        assertEquals(g.getConfiguration().toJson(), loaded.getConfiguration().toJson());
        boolean frozen = loaded.getLayer("embedding") instanceof org.deeplearning4j.nn.layers.FrozenLayer;
        assertEquals(mode == EmbeddingMode.GLOVE_FROZEN, frozen);
        var ds = batches().next();
        assertEquals(g.output(false, new INDArray[] {ds.getFeatures()}, new INDArray[] {ds.getFeaturesMaskArray()})[0],
                loaded.output(false, new INDArray[] {ds.getFeatures()}, new INDArray[] {ds.getFeaturesMaskArray()})[0]);
    }

    @Test
    void pretrainedModesNeedVectorsAndScratchTakesNone() {
        assertThrows(IllegalArgumentException.class,
                () -> SentimentGraph.build(model(EmbeddingMode.GLOVE_FROZEN, 0.01), VOCAB.size(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> SentimentGraph.build(model(EmbeddingMode.SCRATCH, 0.01),
                VOCAB.size(), Optional.of(PretrainedEmbedding.align(VOCAB, VECTORS, DIM, 1).matrix())));
        assertTrue(Set.of(EmbeddingMode.values()).stream().filter(EmbeddingMode::pretrained).count() == 2);
    }
}
