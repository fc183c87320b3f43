package org.imdbsentiment.model.lstm;

import java.util.Arrays;

/**
 * The distinct rows of a float matrix: which distinct row each row is, the first row of each, and the rows
 * of each, found by hashing every row's bits. An LSTM whose input is an embedding lookup sees the same word's
 * vector wherever the word recurs: in a length-bucketed IMDB minibatch of 64 reviews, about one row in five
 * is distinct (words repeat, and the padding steps are all one row). Its input projection x·W, and the
 * weight gradient Xᵀ·G, then need only the distinct rows ({@link FastLstmLayer}). Equality is bit for bit:
 * equal rows give equal products.
 *
 * <p>{@link #find} gives up (cheaply) on matrices where it would not pay: when more than
 * {@link #MAX_SHARE} of the rows are distinct, or of the first {@link #PROBE_ROWS} rows more than
 * {@link #PROBE_SHARE} (a stacked layer's input, the states of the layer below, is all distinct). Buffers
 * grow to the largest matrix seen; one instance per layer, not thread-safe; what it holds is valid until
 * the next {@link #find}.
 */
final class DistinctRows {
    /** The largest share of distinct rows for which the distinct rows are used. */
    static final double MAX_SHARE = 0.5;
    /** Rows after which the share of distinct rows is first checked. */
    static final int PROBE_ROWS = 512;
    /** The largest share of distinct rows among the first {@link #PROBE_ROWS} that lets the search go on. */
    static final double PROBE_SHARE = 0.9;

    private int[] table = new int[0];     // open addressing: distinct id + 1, or 0 where empty
    private int[] hashes = new int[0];    // [distinct id]: its row's hash
    private int[] index = new int[0];     // [row]: its distinct id
    private int[] firstRows = new int[0]; // [distinct id]: the first row equal to it
    private int[] starts = new int[0];    // [distinct id + 1]: where its rows begin in members
    private int[] members = new int[0];   // the rows, grouped by distinct id, each group in increasing order
    private int count;
    private int rows;
    private boolean grouped;

    /**
     * Looks for the distinct rows of the {@code rows} x {@code width} row-major matrix in {@code data}.
     *
     * @return whether they are few enough to be used ({@link #count} and the rest are then valid)
     */
    boolean find(float[] data, int rows, int width) {
        this.rows = rows;
        this.count = 0;
        this.grouped = false;
        if (rows == 0) {
            return false;
        }
        int limit = (int) (rows * MAX_SHARE);
        int capacity = Integer.highestOneBit(Math.max(2, 2 * limit + 1)) << 1;
        if (table.length < capacity) {
            table = new int[capacity];
        } else {
            Arrays.fill(table, 0, capacity, 0);
        }
        int mask = capacity - 1;
        index = grow(index, rows);
        hashes = grow(hashes, limit + 1);
        firstRows = grow(firstRows, limit + 1);
        for (int r = 0; r < rows; r++) {
            if (r == PROBE_ROWS && count > PROBE_ROWS * PROBE_SHARE) {
                count = 0;
                return false;
            }
            int from = r * width;
            int hash = hash(data, from, width);
            int slot = hash & mask;
            int id;
            while (true) {
                int entry = table[slot];
                if (entry == 0) {
                    if (count == limit) {
                        count = 0;
                        return false;
                    }
                    id = count++;
                    table[slot] = id + 1;
                    hashes[id] = hash;
                    firstRows[id] = r;
                    break;
                }
                int other = entry - 1;
                int start = firstRows[other] * width;
                if (hashes[other] == hash && Arrays.equals(data, from, from + width, data, start, start + width)) {
                    id = other;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            index[r] = id;
        }
        return true;
    }

    /** The number of distinct rows. */
    int count() {
        return count;
    }

    /** For each row, its distinct row's number (numbered in the order of first appearance). */
    int[] index() {
        return index;
    }

    /** The first row equal to distinct row {@code id}. */
    int firstRow(int id) {
        return firstRows[id];
    }

    /** The rows equal to distinct row {@code id} are {@code members()[starts()[id] .. starts()[id + 1])}, in increasing order. */
    int[] starts() {
        group();
        return starts;
    }

    /** @see #starts() */
    int[] members() {
        group();
        return members;
    }

    private void group() {
        if (grouped) {
            return;
        }
        starts = grow(starts, count + 1);
        members = grow(members, rows);
        Arrays.fill(starts, 0, count + 1, 0);
        for (int r = 0; r < rows; r++) {
            starts[index[r] + 1]++;
        }
        for (int id = 0; id < count; id++) {
            starts[id + 1] += starts[id];
        }
        int[] next = Arrays.copyOf(starts, count);
        for (int r = 0; r < rows; r++) {
            members[next[index[r]]++] = r;
        }
        grouped = true;
    }

    private static int hash(float[] data, int from, int width) {
        int h = 0;
        for (int k = from; k < from + width; k++) {
            h = 31 * h + Float.floatToRawIntBits(data[k]);
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static int[] grow(int[] a, int length) {
        return a.length >= length ? a : new int[length];
    }
}
