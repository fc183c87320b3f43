package org.imdbsentiment.model.ngram;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The Naive Bayes log-count ratio of every row of an n-gram table, as NBSVM computes it (Wang and
 * Manning 2012, with its smoothing alpha = 1): over the training reviews, {@code p} counts for each row
 * the positive reviews that hold it (each review once) plus 1, {@code q} the negative ones plus 1, and
 * {@code r = log((p / |p|_1) / (q / |q|_1))}. A row that sentiment does not tell apart gets about 0;
 * rows no review holds get {@code log(|q|_1 / |p|_1)}, about 0 on balanced data. The rows are those the
 * layer reads ({@link NgramBagLayer#bag}), so hashed bigrams and trigrams share their buckets' ratios.
 */
public final class NaiveBayesRatios {
    private NaiveBayesRatios() {
    }

    /** A training review: its word ids (every one a real step) and whether it is positive. */
    public record Labelled(int[] ids, boolean positive) {
    }

    /** The ratios of {@code hash}'s rows for n-grams up to {@code order}. */
    public static float[] of(List<Labelled> reviews, NgramHash hash, int order) {
        double[] p = new double[hash.rows()];
        double[] q = new double[hash.rows()];
        java.util.Arrays.fill(p, 1);
        java.util.Arrays.fill(q, 1);
        for (Labelled review : reviews) {
            NgramBagLayer.Bag bag = NgramBagLayer.bag(review.ids(), null, 1, review.ids().length, hash, order, true);
            double[] counts = review.positive() ? p : q;
            for (int row : bag.rows()) {
                counts[row] += 1;
            }
        }
        double pSum = java.util.Arrays.stream(p).sum();
        double qSum = java.util.Arrays.stream(q).sum();
        float[] r = new float[hash.rows()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) Math.log((p[i] / pSum) / (q[i] / qSum));
        }
        return r;
    }

    /** Writes {@code ratios} into an {@link NgramBag} layer that weights by them. */
    public static void set(Layer layer, float[] ratios) {
        if (!(layer.conf().getLayer() instanceof NgramBag bag) || bag.getWeighting() != NgramWeighting.NB) {
            throw new IllegalArgumentException("layer " + layer.conf().getLayer().getLayerName()
                    + " is not an n-gram bag weighted by Naive Bayes ratios");
        }
        if (ratios.length != bag.getNIn()) {
            throw new IllegalArgumentException(ratios.length + " ratios for a table of " + bag.getNIn() + " rows");
        }
        INDArray target = layer.getParam(NgramBagParams.RATIOS_KEY);
        target.assign(Nd4j.createFromArray(ratios).reshape(target.shape()).castTo(target.dataType()));
    }
}
