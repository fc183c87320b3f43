package org.imdbsentiment.data;

/** How the reviews of an epoch are grouped into minibatches. */
public enum BatchOrder {
    /** The given order, unchanged (evaluation). */
    SEQUENTIAL,
    /** A fresh seeded shuffle every epoch (the reference study's setting). */
    RANDOM,
    /**
     * Seeded shuffle, then reviews of similar length are grouped into the same batch and the batches'
     * order is shuffled: each batch is trimmed to its longest review, so almost no padded steps are
     * computed (1.00x the real tokens instead of 1.43x on IMDB).
     */
    BUCKETED
}
