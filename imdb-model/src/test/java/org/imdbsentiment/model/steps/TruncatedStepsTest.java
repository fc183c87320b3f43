package org.imdbsentiment.model.steps;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.Truncation;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.bundle.Provenance;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ngram-max-length: the n-gram side reads more of each review than max-length, and the LSTM side reads
 * exactly what max-length would have kept (the same tokens, the same outputs, the same gradients).
 */
class TruncatedStepsTest {
    private static final int VOCAB = 40;
    private static final int MAX = 6;

    private static ExperimentConfig config(String architecture, int ngramMaxLength, String truncation) {
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23).with(Map.of("architecture", architecture,
                "ngram-buckets", "50", "ngram-size", "4", "max-length", Integer.toString(MAX),
                "ngram-max-length", Integer.toString(ngramMaxLength), "truncation", truncation));
    }

    /** Reviews of random ids (no PAD), padded at the end to {@code steps}, with their mask. */
    private static INDArray[] batch(List<int[]> reviews, int steps) {
        INDArray f = Nd4j.zeros(DataType.FLOAT, reviews.size(), 1, steps);
        INDArray m = Nd4j.zeros(DataType.FLOAT, reviews.size(), steps);
        for (int b = 0; b < reviews.size(); b++) {
            for (int t = 0; t < reviews.get(b).length; t++) {
                f.putScalar(new int[] {b, 0, t}, reviews.get(b)[t]);
                m.putScalar(new int[] {b, t}, 1);
            }
        }
        return new INDArray[] {f, m};
    }

    private static List<int[]> reviews(Random r, int... lengths) {
        List<int[]> out = new ArrayList<>();
        for (int n : lengths) {
            out.add(r.ints(n, 2, VOCAB).toArray());
        }
        return out;
    }

    private static List<int[]> truncated(List<int[]> reviews, Truncation truncation) {
        return reviews.stream().map(ids -> java.util.Arrays.stream(truncation.kept(ids.length, MAX)).map(i -> ids[i]).toArray()).toList();
    }

    private static Map<String, INDArray> forward(ComputationGraph g, INDArray[] batch) {
        g.setLayerMaskArrays(new INDArray[] {batch[1]}, null);
        Map<String, INDArray> acts = g.feedForward(new INDArray[] {batch[0]}, false, false);
        g.clearLayerMaskArrays();
        return acts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"head", "head-tail"})
    void theLstmSideReadsWhatMaxLengthWouldHaveKeptAndTheNgramSideReadsEverything(String truncationKey) {
        Truncation truncation = "head".equals(truncationKey) ? Truncation.HEAD : Truncation.HEAD_TAIL;
        ComputationGraph g = SentimentGraph.build(config("hybrid-heads", 20, truncationKey), VOCAB);
        ComputationGraph cut = SentimentGraph.build(config("hybrid-heads", 0, truncationKey), VOCAB);
        assertTrue(g.getConfiguration().getVertices().get(SentimentGraph.LSTM_STEPS) instanceof TruncatedSteps);
        assertFalse(cut.getConfiguration().getVertices().containsKey(SentimentGraph.LSTM_STEPS));
        g.paramTable().forEach((name, values) -> cut.getParam(name).assign(values)); // by name: the order may differ
        List<int[]> reviews = reviews(new Random(5), 17, 4, 6, 9, 1);
        Map<String, INDArray> full = forward(g, batch(reviews, 17));
        Map<String, INDArray> before = forward(cut, batch(truncated(reviews, truncation), MAX));
        INDArray lstm = full.get(SentimentGraph.LOGITS).getColumn(0);
        assertEquals(0, lstm.sub(before.get(SentimentGraph.LOGITS).getColumn(0)).amaxNumber().doubleValue(), 1e-5,
                "the LSTM side's logit is the one of the review cut to max-length");
        INDArray ngramFull = full.get(SentimentGraph.LOGITS).getColumn(1);
        INDArray ngramCut = before.get(SentimentGraph.LOGITS).getColumn(1);
        for (int b = 0; b < reviews.size(); b++) {
            double difference = Math.abs(ngramFull.getDouble(b) - ngramCut.getDouble(b));
            if (reviews.get(b).length > MAX) {
                assertTrue(difference > 1e-6, "review " + b + ": the n-gram side reads the whole review");
            } else {
                assertEquals(0, difference, 1e-6, "review " + b + " is not longer than max-length");
            }
        }
        // A batch no longer than max-length passes through: the two graphs agree everywhere.
        List<int[]> shortOnes = reviews(new Random(6), 6, 2, 5);
        assertEquals(0, g.output(false, new INDArray[] {batch(shortOnes, MAX)[0]}, new INDArray[] {batch(shortOnes, MAX)[1]})[0]
                .sub(cut.output(false, new INDArray[] {batch(shortOnes, MAX)[0]}, new INDArray[] {batch(shortOnes, MAX)[1]})[0])
                .amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void aMaskNotPaddedAtTheEndIsRefusedRatherThanCutWrongly() {
        ComputationGraph g = SentimentGraph.build(config("hybrid-heads", 20, "head-tail"), VOCAB);
        INDArray ids = batch(reviews(new Random(7), 9, 9), 9)[0];
        INDArray prePadded = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1, 1, 1, 1}});
        assertThrows(IllegalStateException.class, () -> g.output(false, new INDArray[] {ids}, new INDArray[] {prePadded}));
    }

    @Test
    void aWordOnlyInTheCutMiddleTrainsTheNgramTableButNotTheEmbedding() {
        ComputationGraph g = SentimentGraph.build(config("hybrid-heads", 20, "head-tail"), VOCAB);
        int middle = 3; // only at positions 3..10 of a 16-token review: head-tail to 6 keeps positions 0 and 11..15
        int[] review = {5, 6, 7, middle, middle, middle, middle, middle, middle, middle, middle, 8, 9, 10, 11, 12};
        INDArray[] b = batch(List.of(review, new int[] {13, 14, 15}), 16);
        g.setInputs(b[0]);
        g.setLayerMaskArrays(new INDArray[] {b[1]}, null);
        g.setLabels(Nd4j.createFromArray(new float[][] {{1}, {0}}));
        g.computeGradientAndScore();
        INDArray embedding = g.gradient().getGradientFor(SentimentGraph.EMBEDDING + "_W");
        INDArray table = g.gradient().getGradientFor(SentimentGraph.NGRAMS + "_W");
        assertEquals(0, embedding.getRow(middle).amaxNumber().doubleValue(), 0.0, "the LSTM side never saw it");
        assertTrue(embedding.getRow(5).amaxNumber().doubleValue() > 0, "the head is read");
        assertTrue(embedding.getRow(12).amaxNumber().doubleValue() > 0, "the tail is read");
        assertEquals(0, embedding.getRow(6).amaxNumber().doubleValue(), 0.0, "head-tail keeps one token of the head");
        assertTrue(table.getRow(middle).amaxNumber().doubleValue() > 0, "the n-gram side did");
        // And it trains: a step of fit moves the embedding, with the ids' gradient (zeros) refused by nobody.
        INDArray before = g.params().dup();
        g.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {b[0]},
                new INDArray[] {Nd4j.createFromArray(new float[][] {{1}, {0}})}, new INDArray[] {b[1]}, null));
        assertTrue(g.params().sub(before).amaxNumber().doubleValue() > 0);
    }

    @Test
    void theVertexRoundTripsThroughJsonAndBundles(@TempDir Path dir) throws Exception {
        ExperimentConfig config = config("hybrid-heads", 20, "head-tail");
        Vocabulary vocab = Vocabulary.of(List.of("good", "bad", "film", "plot", "acting"));
        ComputationGraph g = SentimentGraph.build(config, vocab.size());
        String json = g.getConfiguration().toJson();
        assertEquals(g.getConfiguration().getVertices().get(SentimentGraph.LSTM_STEPS),
                ComputationGraphConfiguration.fromJson(json).getVertices().get(SentimentGraph.LSTM_STEPS));
        ModelBundle bundle = new ModelBundle(g, vocab, WordTokenizer.NAME, WordTokenizer.RULES_VERSION, config,
                new Provenance("0", "c", "run", "now", 23, null, null, null, null), null);
        bundle.write(dir.resolve("m.zip"));
        ModelBundle read = ModelBundle.read(dir.resolve("m.zip"));
        assertEquals(20, read.pipeline().maxLength(), "the pipeline keeps ngram-max-length tokens");
        List<String> texts = List.of("good film", "bad plot bad acting bad film good bad plot bad acting bad film good film bad");
        assertEquals(bundle.pipeline().predict(g, texts), read.pipeline().predict(read.graph(), texts));
    }

    @Test
    void ngramMaxLengthIsRefusedWhereItCannotApply() {
        assertEquals(MAX, SentimentGraph.tokensRead(config("hybrid-heads", 0, "head")));
        assertEquals(20, SentimentGraph.tokensRead(config("hybrid", 20, "head")));
        assertEquals(20, SentimentGraph.tokensRead(config("ngrams", 20, "head")));
        assertThrows(ConfigException.class, () -> SentimentGraph.tokensRead(config("bilstm-pool", 20, "head")));
        assertThrows(ConfigException.class, () -> SentimentGraph.tokensRead(config("hybrid", MAX - 1, "head")));
        assertThrows(ConfigException.class,
                () -> SentimentGraph.tokensRead(config("hybrid", 20, "head").with(Map.of("padding", "naive"))));
        assertThrows(ConfigException.class, () -> SentimentPipeline.of(config("last-step", 20, "head"), Vocabulary.of(List.of("a"))));
    }
}
