package org.imdbsentiment.model.lstm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistinctRowsTest {
    @Test
    void numbersTheDistinctRowsInOrderOfFirstAppearanceAndGroupsTheRowsOfEach() {
        float[][] words = {{1, 2}, {3, 4}, {0, 0}, {1, Math.nextUp(2f)}};
        int[] sentence = {0, 1, 0, 2, 2, 2, 1, 3, 0, 2};
        DistinctRows distinct = new DistinctRows();
        assertTrue(distinct.find(rows(words, sentence), sentence.length, 2));
        assertEquals(4, distinct.count(), "a row differing in its last bit is another row");
        assertArrayEquals(new int[] {0, 1, 0, 2, 2, 2, 1, 3, 0, 2}, Arrays.copyOf(distinct.index(), sentence.length));
        assertArrayEquals(new int[] {0, 1, 3, 7}, new int[] {distinct.firstRow(0), distinct.firstRow(1),
                distinct.firstRow(2), distinct.firstRow(3)});
        assertArrayEquals(new int[] {0, 3, 5, 9, 10}, Arrays.copyOf(distinct.starts(), 5));
        assertArrayEquals(new int[] {0, 2, 8, 1, 6, 3, 4, 5, 9, 7}, Arrays.copyOf(distinct.members(), sentence.length));
    }

    @Test
    void zeroAndNegativeZeroAreDifferentRows() {
        DistinctRows distinct = new DistinctRows();
        assertTrue(distinct.find(new float[] {0f, -0f, 0f, -0f, 0f}, 5, 1));
        assertEquals(2, distinct.count());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, Arrays.copyOf(distinct.index(), 5));
    }

    @Test
    void givesUpWhereMoreThanHalfTheRowsAreDistinct() {
        DistinctRows distinct = new DistinctRows();
        assertFalse(distinct.find(new float[] {1, 2, 3, 1}, 4, 1), "three distinct of four");
        assertEquals(0, distinct.count());
        assertTrue(distinct.find(new float[] {1, 2, 1, 2}, 4, 1), "two of four");
        assertFalse(distinct.find(new float[] {7}, 1, 1), "one row of one");
        assertFalse(distinct.find(new float[0], 0, 1), "no rows");
    }

    @Test
    void givesUpEarlyWhereTheFirstRowsAreNearlyAllDistinct() {
        // 600 distinct rows, then 1,400 copies of one: 30% distinct overall, but the first 512 rows say
        // "a stacked layer's states", not "words".
        int rows = 2000;
        float[] data = new float[rows * 3];
        Random r = new Random(1);
        for (int i = 0; i < 600 * 3; i++) {
            data[i] = r.nextFloat();
        }
        DistinctRows distinct = new DistinctRows();
        assertFalse(distinct.find(data, rows, 3));
        // Rows drawn from the same 600 from the start, as words recur: used.
        float[] words = new float[rows * 3];
        int[] drawn = r.ints(rows, 0, 600).toArray();
        for (int row = 0; row < rows; row++) {
            System.arraycopy(data, drawn[row] * 3, words, row * 3, 3);
        }
        assertTrue(distinct.find(words, rows, 3));
        assertEquals(Arrays.stream(drawn).distinct().count(), distinct.count());
    }

    @Test
    void buffersGrowAndAreReusedAcrossCalls() {
        DistinctRows distinct = new DistinctRows();
        Random r = new Random(2);
        for (int size : new int[] {10, 3000, 40}) {
            int[] sentence = r.ints(size, 0, Math.max(2, size / 5)).toArray();
            float[][] words = new float[size / 5 + 2][4];
            for (int w = 0; w < words.length; w++) {
                words[w][w % 4] = w + 1;
            }
            assertTrue(distinct.find(rows(words, sentence), size, 4));
            assertEquals(Arrays.stream(sentence).distinct().count(), distinct.count(), size + " rows");
            for (int row = 0; row < size; row++) {
                assertEquals(sentence[distinct.firstRow(distinct.index()[row])], sentence[row]);
            }
        }
    }

    private static float[] rows(float[][] words, int[] sentence) {
        int width = words[0].length;
        float[] data = new float[sentence.length * width];
        for (int i = 0; i < sentence.length; i++) {
            System.arraycopy(words[sentence[i]], 0, data, i * width, width);
        }
        return data;
    }
}
