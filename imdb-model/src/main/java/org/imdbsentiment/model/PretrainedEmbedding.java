package org.imdbsentiment.model;

import org.imdbsentiment.data.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

/**
 * An embedding matrix aligned with a vocabulary: row {@code i} is the vector of token {@code i}.
 * Tokens found in the pretrained vectors take them; the others (UNK included) take a seeded random
 * vector drawn from N(0, s), s being the standard deviation of the pretrained values used, so they
 * start at the same scale; PAD is a zero row.
 *
 * @param matrix  {@code [vocabulary size, dimension]}, float
 * @param matched how many rows came from the pretrained vectors
 * @param initStd the s used for the other rows
 */
public record PretrainedEmbedding(INDArray matrix, int matched, double initStd) {

    public static PretrainedEmbedding align(Vocabulary vocabulary, Map<String, float[]> vectors, int dimension, long seed) {
        int n = vocabulary.size();
        float[][] rows = new float[n][];
        double sum = 0;
        double sumSq = 0;
        long values = 0;
        int matched = 0;
        for (int i = 0; i < n; i++) {
            float[] v = i == Vocabulary.PAD || i == Vocabulary.UNK ? null : vectors.get(vocabulary.token(i));
            if (v == null) {
                continue;
            }
            if (v.length != dimension) {
                throw new IllegalArgumentException("vector of '" + vocabulary.token(i) + "' has " + v.length
                        + " values, expected " + dimension);
            }
            rows[i] = v;
            matched++;
            for (float x : v) {
                sum += x;
                sumSq += (double) x * x;
                values++;
            }
        }
        double std = values < 2 ? 1.0 : Math.sqrt(Math.max(0, (sumSq - sum * sum / values) / (values - 1)));
        Random random = new Random(seed);
        float[] flat = new float[n * dimension];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dimension; j++) {
                float x;
                if (i == Vocabulary.PAD) {
                    x = 0f;
                } else if (rows[i] != null) {
                    x = rows[i][j];
                } else {
                    x = (float) (random.nextGaussian() * std);
                }
                flat[i * dimension + j] = x;
            }
        }
        INDArray matrix = Nd4j.create(flat, new long[] {n, dimension}, DataType.FLOAT);
        return new PretrainedEmbedding(matrix, matched, std);
    }
}
