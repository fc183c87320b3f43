package org.imdbsentiment.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentimentGraphTest {
    private static final int VOCAB = 50;

    private static ComputationGraph smallGraph(long seed) {
        return SentimentGraph.build(SmallConfig.of("scratch", 8, 16, "fast", 0.01, seed), VOCAB);
    }

    /** Features [1, 1, length] holding {@code ids} then {@code padding} values; mask over the ids. */
    private static INDArray[] padded(int[] ids, int length, int paddingValue) {
        INDArray f = Nd4j.zeros(1, 1, length);
        INDArray m = Nd4j.zeros(1, length);
        for (int t = 0; t < length; t++) {
            f.putScalar(new int[] {0, 0, t}, t < ids.length ? ids[t] : paddingValue);
            m.putScalar(new int[] {0, t}, t < ids.length ? 1 : 0);
        }
        return new INDArray[] {f, m};
    }

    @Test
    void graphHasTheNamedVerticesInOrder() {
        ComputationGraph g = smallGraph(1);
        assertEquals(List.of("tokens"), g.getConfiguration().getNetworkInputs());
        assertEquals(List.of("out"), g.getConfiguration().getNetworkOutputs());
        Map<String, List<String>> inputs = g.getConfiguration().getVertexInputs();
        assertEquals(List.of("tokens"), inputs.get("embedding"));
        assertEquals(List.of("embedding"), inputs.get("lstm"));
        assertEquals(List.of("lstm"), inputs.get("last"));
        assertEquals(List.of("last"), inputs.get("out"));
        // 50 x 8 embedding, LSTM 4 * 16 * (8 + 16 + 1), output 16 + 1.
        assertEquals(50 * 8 + 4 * 16 * (8 + 16 + 1) + 17, g.numParams());
    }

    @Test
    void samePredictionWhetherPaddedTo100Or256Steps() {
        ComputationGraph g = smallGraph(7);
        int[] review = {5, 9, 2, 33, 17, 8, 41};
        INDArray[] short100 = padded(review, 100, 0);
        INDArray[] long256 = padded(review, 256, 0);
        float p100 = Evaluator.predict(g, short100[0], short100[1])[0];
        float p256 = Evaluator.predict(g, long256[0], long256[1])[0];
        INDArray[] unpadded = padded(review, review.length, 0);
        float exact = Evaluator.predict(g, unpadded[0], unpadded[1])[0];
        assertEquals(exact, p100, 1e-6);
        assertEquals(exact, p256, 1e-6);
    }

    @Test
    void randomTokenIdsInPaddedSlotsChangeNothing() {
        ComputationGraph g = smallGraph(7);
        int[] review = {5, 9, 2, 33, 17};
        INDArray[] clean = padded(review, 60, 0);
        INDArray[] noisy = padded(review, 60, 0);
        Random r = new Random(3);
        for (int t = review.length; t < 60; t++) {
            noisy[0].putScalar(new int[] {0, 0, t}, 1 + r.nextInt(VOCAB - 1));
        }
        assertEquals(Evaluator.predict(g, clean[0], clean[1])[0], Evaluator.predict(g, noisy[0], noisy[1])[0], 1e-6);
        // Without the mask the same noise does reach the output: the test can tell.
        assertNotEquals(Evaluator.predict(g, clean[0], null)[0], Evaluator.predict(g, noisy[0], null)[0]);
    }

    @Test
    void samePredictionAloneOrInABatchWithALongerReview() {
        ComputationGraph g = smallGraph(11);
        EncodedReview shortOne = new EncodedReview("a", new int[] {3, 4, 5}, Sentiment.POSITIVE);
        EncodedReview longOne = new EncodedReview("b", new Random(1).ints(120, 2, VOCAB).toArray(), Sentiment.NEGATIVE);
        var alone = ReviewDataSetIterator.inOrder(List.of(shortOne), 2).next();
        var together = ReviewDataSetIterator.inOrder(List.of(shortOne, longOne), 2).next();
        assertEquals(120, together.getFeatures().size(2));
        float a = Evaluator.predict(g, alone.getFeatures(), alone.getFeaturesMaskArray())[0];
        float b = Evaluator.predict(g, together.getFeatures(), together.getFeaturesMaskArray())[0];
        assertEquals(a, b, 1e-6);
    }

    @Test
    void naivePaddingReachesTheOutputWhileMaskedPaddingDoesNot() {
        ComputationGraph g = smallGraph(13);
        List<EncodedReview> reviews = List.of(new EncodedReview("a", new int[] {3, 4, 5, 6}, Sentiment.POSITIVE));
        var masked = ReviewDataSetIterator.inOrder(reviews, 1);
        var naive100 = masked.withNaivePadding(100).next();
        var naive256 = masked.withNaivePadding(256).next();
        assertEquals(null, naive256.getFeaturesMaskArray());
        assertEquals(256, naive256.getFeatures().size(2));
        float p100 = Evaluator.predict(g, naive100.getFeatures(), naive100.getFeaturesMaskArray())[0];
        float p256 = Evaluator.predict(g, naive256.getFeatures(), naive256.getFeaturesMaskArray())[0];
        assertNotEquals(p100, p256, 1e-4f);
        var m = masked.next();
        float exact = Evaluator.predict(g, m.getFeatures(), m.getFeaturesMaskArray())[0];
        assertNotEquals(exact, p256, 1e-4f);
    }

    @Test
    void learnsSeparableReviewsAboveNinetyPercent() {
        // Positive reviews contain token 10, negative ones token 11, among random filler (12..49).
        Random r = new Random(5);
        List<EncodedReview> reviews = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            Sentiment label = i % 2 == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE;
            int length = 5 + r.nextInt(20);
            int[] ids = r.ints(length, 12, VOCAB).toArray();
            ids[r.nextInt(length)] = label == Sentiment.POSITIVE ? 10 : 11;
            reviews.add(new EncodedReview("r" + i, ids, label));
        }
        ComputationGraph g = smallGraph(42);
        var batches = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.RANDOM, 42, () -> 0);
        for (int epoch = 0; epoch < 8; epoch++) {
            batches.reset();
            g.fit(batches);
        }
        BinaryEvaluation e = Evaluator.evaluate(g, ReviewDataSetIterator.forEvaluation(reviews, 32, 1), 0);
        assertEquals(256, e.count());
        assertTrue(e.accuracy() > 0.9, "train accuracy " + e);
    }
}
