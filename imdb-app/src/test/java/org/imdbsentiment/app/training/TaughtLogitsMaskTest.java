package org.imdbsentiment.app.training;

import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** teacher-branches lstm: the labels mask a training batch gets, row by row, from its reviews' ids. */
class TaughtLogitsMaskTest {
    private static EncodedReview review(String id, Double target) {
        return new EncodedReview(id, new int[] {2, 3}, Sentiment.POSITIVE, 2, target);
    }

    @Test
    void aTeachersReviewsGetTheRowAndTheLabelledOnesOnes() {
        List<EncodedReview> reviews = List.of(review("train/pos/1_9", null), review("train/unsup/7_0", 0.8),
                review("train/neg/2_1", null), review("train/unsup/8_0", 0.1));
        ReviewDataSetIterator batches = ReviewDataSetIterator.inOrder(reviews, 4);
        batches.setPreProcessor(new TaughtLogitsMask(Set.of("train/unsup/7_0", "train/unsup/8_0"), new float[] {1, 0}));
        DataSet batch = batches.next();
        INDArray mask = batch.getLabelsMaskArray();
        assertArrayEquals(new float[][] {{1, 1}, {1, 0}, {1, 1}, {1, 0}}, mask.toFloatMatrix());
        assertArrayEquals(new float[] {1, 0.8f, 1, 0.1f}, batch.getLabels().reshape(4).toFloatVector(), 1e-6f);
    }

    @Test
    void aBatchOfLabelledReviewsOnlyKeepsNoMask() {
        ReviewDataSetIterator batches = ReviewDataSetIterator.inOrder(
                List.of(review("train/pos/1_9", null), review("train/neg/2_1", null)), 2);
        batches.setPreProcessor(new TaughtLogitsMask(Set.of("train/unsup/7_0"), new float[] {1, 0}));
        assertNull(batches.next().getLabelsMaskArray());
    }
}
