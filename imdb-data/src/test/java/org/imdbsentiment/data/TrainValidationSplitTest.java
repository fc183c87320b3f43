package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainValidationSplitTest {
    private static List<Review> reviews(int positives, int negatives) {
        List<Review> list = new ArrayList<>();
        for (int i = 0; i < negatives; i++) {
            list.add(new Review("train/neg/" + i + "_1", "bad " + i, Sentiment.NEGATIVE, 1));
        }
        for (int i = 0; i < positives; i++) {
            list.add(new Review("train/pos/" + i + "_9", "good " + i, Sentiment.POSITIVE, 9));
        }
        return list;
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        List<Review> all = reviews(500, 500);
        assertEquals(TrainValidationSplit.of(all, 200, 42), TrainValidationSplit.of(all, 200, 42));
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        List<Review> all = reviews(500, 500);
        assertNotEquals(TrainValidationSplit.of(all, 200, 42).validation(), TrainValidationSplit.of(all, 200, 43).validation());
    }

    @Test
    void isStratifiedExactAndDisjoint() {
        List<Review> all = reviews(600, 400);
        TrainValidationSplit s = TrainValidationSplit.of(all, 250, 7);
        assertEquals(250, s.validation().size());
        assertEquals(750, s.train().size());
        assertEquals(100, s.validation().stream().filter(r -> r.label() == Sentiment.NEGATIVE).count());
        assertEquals(150, s.validation().stream().filter(r -> r.label() == Sentiment.POSITIVE).count());
        Set<Review> union = new HashSet<>(s.train());
        union.addAll(s.validation());
        assertEquals(1000, union.size());
    }

    @Test
    void keepsTheInputOrderWithinEachPart() {
        List<Review> all = reviews(50, 50);
        TrainValidationSplit s = TrainValidationSplit.of(all, 20, 1);
        List<Review> expected = all.stream().filter(s.train()::contains).toList();
        assertEquals(expected, s.train());
        assertTrue(all.indexOf(s.validation().get(0)) < all.indexOf(s.validation().get(1)));
    }

    @Test
    void rejectsASizeThatLeavesNoTrainingDataOrIsNegative() {
        assertThrows(IllegalArgumentException.class, () -> TrainValidationSplit.of(reviews(5, 5), 10, 1));
        assertThrows(IllegalArgumentException.class, () -> TrainValidationSplit.of(reviews(5, 5), -1, 1));
    }

    @Test
    void sizeZeroKeepsEveryReviewForTrainingInOrder() {
        List<Review> all = reviews(6, 4);
        TrainValidationSplit s = TrainValidationSplit.of(all, 0, 3);
        assertEquals(all, s.train());
        assertTrue(s.validation().isEmpty());
    }
}
