package org.imdbsentiment.glove;

import java.util.Map;

/**
 * Word vectors read from a GloVe file: only the words that were asked for.
 *
 * @param dimension the vector size
 * @param vectors   word to vector (each of length {@code dimension}), in file order
 * @param linesRead how many lines (words) the file had
 */
public record GloveVectors(int dimension, Map<String, float[]> vectors, long linesRead) {

    public boolean contains(String word) {
        return vectors.containsKey(word);
    }

    public float[] vector(String word) {
        return vectors.get(word);
    }

    public int size() {
        return vectors.size();
    }
}
