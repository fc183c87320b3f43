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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        ReviewDataSetIterator it = ReviewDataSetIterator.inOrder(reviews, 3);
        DataSet ds = it.next();
        assertFalse(it.hasNext());
        assertArrayEquals(new long[] {3, 1, 3}, ds.getFeatures().shape());
        assertArrayEquals(new float[] {5, 6, 7, 8, 0, 0, 9, 10, 0}, ds.getFeatures().reshape(9).toFloatVector());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 0}, ds.getFeaturesMaskArray().reshape(9).toFloatVector());
        assertArrayEquals(new long[] {3, 1}, ds.getLabels().shape());
        assertArrayEquals(new float[] {1, 0, 1}, ds.getLabels().toFloatVector());
        assertNull(ds.getLabelsMaskArray());
        assertEquals(List.of("a", "b", "c"), ReviewDataSetIterator.ids(ds));
    }

    @Test
    void aReviewWithATargetIsFittedToItInsteadOfItsLabel() {
        // a teacher's probability (distillation) beside plain labels in one batch
        List<EncodedReview> reviews = List.of(review("a", Sentiment.POSITIVE, 5, 6).withTarget(0.625),
                review("b", Sentiment.NEGATIVE, 8), review("c", Sentiment.NEGATIVE, 9).withTarget(0.125));
        DataSet ds = ReviewDataSetIterator.inOrder(reviews, 3).next();
        assertArrayEquals(new float[] {0.625f, 0, 0.125f}, ds.getLabels().toFloatVector());
        for (double outside : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> review("d", Sentiment.POSITIVE, 5).withTarget(outside));
        }
    }

    @Test
    void equalLengthsStillGetAnExplicitMask() {
        List<EncodedReview> reviews = List.of(review("a", Sentiment.POSITIVE, 5, 6), review("b", Sentiment.NEGATIVE, 7, 8));
        DataSet ds = ReviewDataSetIterator.inOrder(reviews, 2).next();
        assertArrayEquals(new float[] {1, 1, 1, 1}, ds.getFeaturesMaskArray().reshape(4).toFloatVector());
    }

    @Test
    void everyReviewAppearsOnceAnEpochAndTheShortBatchComesLast() {
        List<EncodedReview> reviews = randomReviews(1000, 3);
        for (BatchOrder order : BatchOrder.values()) {
            ReviewDataSetIterator it = ReviewDataSetIterator.forTraining(reviews, 64, order, 9, () -> 0);
            Set<String> seen = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            while (it.hasNext()) {
                DataSet ds = it.next();
                sizes.add(ds.numExamples());
                seen.addAll(ReviewDataSetIterator.ids(ds));
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
        assertTrue(paddedSteps(ReviewDataSetIterator.forTraining(reviews, 64, BatchOrder.BUCKETED, 1, () -> 0)) < 1.05 * real);
        assertTrue(paddedSteps(ReviewDataSetIterator.forTraining(reviews, 64, BatchOrder.RANDOM, 1, () -> 0)) > 1.5 * real);
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
    void trainingOrderIsSeededAndChangesWithTheEpochItsSourceNames() {
        List<EncodedReview> reviews = randomReviews(300, 5);
        int[] epoch = {0};
        ReviewDataSetIterator a = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 11, () -> epoch[0]);
        ReviewDataSetIterator b = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 11, () -> 0);
        List<String> epoch0 = firstBatchIds(a);
        assertEquals(epoch0, firstBatchIds(b));
        epoch[0] = 1;
        a.reset();
        assertEquals(1, a.epoch());
        assertNotEquals(epoch0, firstBatchIds(a));
    }

    @Test
    void resettingWithoutANewEpochRereadsTheSameOrder() {
        // DL4J's prefetching wrapper and the early-stopping trainer each call reset(): the order must
        // follow the epoch source, not the number of resets.
        List<EncodedReview> reviews = randomReviews(300, 7);
        ReviewDataSetIterator it = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 3, () -> 2);
        List<String> first = firstBatchIds(it);
        it.reset();
        it.reset();
        assertEquals(2, it.epoch());
        assertEquals(first, firstBatchIds(it));
    }

    @Test
    void aResumedRunReadsTheBatchesAnUninterruptedOneReads() {
        List<EncodedReview> reviews = randomReviews(300, 7);
        int[] epoch = {0};
        ReviewDataSetIterator uninterrupted = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 3, () -> epoch[0]);
        for (epoch[0] = 0; epoch[0] < 3; epoch[0]++) {
            uninterrupted.reset();
        }
        epoch[0] = 2;
        uninterrupted.reset();
        ReviewDataSetIterator resumed = ReviewDataSetIterator.forTraining(reviews, 32, BatchOrder.BUCKETED, 3, () -> 2);
        assertEquals(firstBatchIds(uninterrupted), firstBatchIds(resumed));
    }

    @Test
    void idsTravelWithTheirRowsThroughDl4jsPrefetchingIterator() {
        // DL4J wraps an async-capable iterator in AsyncDataSetIterator, which reads batches ahead on
        // another thread: ids must come with the batch, never from the iterator's read position.
        List<EncodedReview> reviews = randomReviews(200, 8);
        java.util.Map<String, EncodedReview> byId = new java.util.HashMap<>();
        reviews.forEach(r -> byId.put(r.id(), r));
        ReviewDataSetIterator it = ReviewDataSetIterator.forEvaluation(reviews, 16, 4);
        assertTrue(it.asyncSupported());
        var async = new org.nd4j.linalg.dataset.AsyncDataSetIterator(it, 4);
        int checked = 0;
        while (async.hasNext()) {
            DataSet ds = async.next();
            List<String> ids = ReviewDataSetIterator.ids(ds);
            for (int row = 0; row < ids.size(); row++) {
                EncodedReview r = byId.get(ids.get(row));
                assertEquals(r.tokens()[0], ds.getFeatures().getInt(row, 0, 0), ids.get(row));
                assertEquals(r.length(), ds.getFeaturesMaskArray().getRow(row).sumNumber().intValue(), ids.get(row));
                checked++;
            }
        }
        assertEquals(200, checked);
    }

    @Test
    void evaluationOrderIsTheSameOnEveryPass() {
        ReviewDataSetIterator it = ReviewDataSetIterator.forEvaluation(randomReviews(300, 6), 32, 11);
        List<String> first = firstBatchIds(it);
        it.reset();
        assertEquals(first, firstBatchIds(it));
    }

    private static List<String> firstBatchIds(ReviewDataSetIterator it) {
        return ReviewDataSetIterator.ids(it.next());
    }
}
