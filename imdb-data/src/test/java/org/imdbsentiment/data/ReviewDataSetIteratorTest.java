package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReviewDataSetIteratorTest {
    private static EncodedReview review(String id, Sentiment label, int... tokens) {
        return new EncodedReview(id, tokens, label);
    }

    private static List<EncodedReview> randomReviews(int n, long seed) {
        Random r = new Random(seed);
        List<EncodedReview> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(review("r" + i, i % 2 == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE,
                    r.ints(1 + r.nextInt(300), 2, 100).toArray()));
        }
        return list;
    }

    @Test
    void batchHoldsTokensMaskAndOneLabelPerReviewTrimmedToItsLongest() {
        List<EncodedReview> reviews = List.of(
                review("a", Sentiment.POSITIVE, 5, 6, 7),
                review("b", Sentiment.NEGATIVE, 8),
                review("c", Sentiment.POSITIVE, 9, 10));
        ReviewDataSetIterator it = ReviewDataSetIterator.forTraining(reviews, 3, BatchOrder.SEQUENTIAL, 1);
        DataSet ds = it.next();
        assertFalse(it.hasNext());
        assertArrayEquals(new long[] {3, 1, 3}, ds.getFeatures().shape());
        assertArrayEquals(new float[] {5, 6, 7, 8, 0, 0, 9, 10, 0}, ds.getFeatures().reshape(9).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 0}, ds.getFeaturesMaskArray().reshape(9).toFloatVector());
        assertArrayEquals(new long[] {3, 1}, ds.getLabels().shape());
        assertArrayEquals(new float[] {1, 0, 1}, ds.getLabels().toFloatVector());
        assertNull(ds.getLabelsMaskArray());
        assertEquals(List.of("a", "b", "c"), it.lastBatchIds(3));
    }

    @Test
    void equalLengthsStillGetAnExplicitMask() {
        List<EncodedReview> reviews = List.of(review("a", Sentiment.POSITIVE, 5, 6), review("b", Sentiment.NEGATIVE, 7, 8));
        DataSet ds = ReviewDataSetIterator.forTraining(reviews, 2, BatchOrder.SEQUENTIAL, 1).next();
        assertArrayEquals(new float[] {1, 1, 1, 1}, ds.getFeaturesMaskArray().reshape(4).toFloatVector());
    }

    @Test
    void everyReviewAppearsOnceAnEpochAndTheShortBatchComesLast() {
        List<EncodedReview> reviews = randomReviews(1000, 3);
        for (BatchOrder order : BatchOrder.values()) {
            ReviewDataSetIterator it = ReviewDataSetIterator.forTraining(reviews, 64, order, 9);
            Set<String> seen = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            while (it.hasNext()) {
                DataSet ds = it.next();
                sizes.add(ds.numExamples());
                seen.addAll(it.lastBatchIds(ds.numExamples()));
            }
            assertEquals(1000, seen.size(), order.name());
            assertEquals(16, sizes.size());
            assertEquals(1000 - 15 * 64, sizes.get(15), order.name());
            assertEquals(it.batchesPerEpoch(), sizes.size());
        }
    }

    @Test
    void bucketedBatchesPadFarLessThanRandomOnes() {
        List<EncodedReview> reviews = randomReviews(2000, 4);
        long real = reviews.stream().mapToLong(EncodedReview::length).sum();
        assertTrue(paddedSteps(ReviewDataSetIterator.forTraining(reviews, 64, BatchOrder.BUCKETED, 1)) < 1.05 * real);
        assertTrue(paddedSteps(ReviewDataSetIterator.forTraining(reviews, 64, BatchOrder.RANDOM, 1)) > 1.5 * real);
    }

    private static long paddedSteps(ReviewDataSetIterator it) {
        long steps = 0;
        while (it.hasNext()) {
            DataSet ds = it.next();
            steps += ds.getFeatures().size(0) * ds.getFeatures().size(2);
        }
        return steps;
    }

    @Test
    void trainingOrderIsSeededAndChangesEveryEpoch() {
        List<EncodedReview> reviews = randomReviews(300, 5);
        ReviewDataSetIterator a = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 11);
        ReviewDataSetIterator b = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 11);
        List<String> epoch0 = firstBatchIds(a);
        assertEquals(epoch0, firstBatchIds(b));
        a.reset();
        assertNotEquals(epoch0, firstBatchIds(a));
    }

    @Test
    void skippingEpochsGivesTheBatchesAnUninterruptedIteratorWouldRead() {
        List<EncodedReview> reviews = randomReviews(300, 7);
        ReviewDataSetIterator uninterrupted = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 3);
        for (int epoch = 0; epoch < 3; epoch++) {
            uninterrupted.reset();
        }
        ReviewDataSetIterator resumed = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 3);
        resumed.skipEpochs(2);
        resumed.reset();
        assertEquals(uninterrupted.epoch(), resumed.epoch());
        assertEquals(firstBatchIds(uninterrupted), firstBatchIds(resumed));
    }

    @Test
    void evaluationOrderIsTheSameOnEveryPass() {
        ReviewDataSetIterator it = ReviewDataSetIterator.forEvaluation(randomReviews(300, 6), 32, 11);
        List<String> first = firstBatchIds(it);
        it.reset();
        assertEquals(first, firstBatchIds(it));
    }

    private static List<String> firstBatchIds(ReviewDataSetIterator it) {
        DataSet ds = it.next();
        return it.lastBatchIds(ds.numExamples());
    }
}
