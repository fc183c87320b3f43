package org.imdbsentiment.model.ngram;

/** How the n-gram bag combines the vectors of a review's n-grams. */
public enum NgramWeighting {
    /** fastText's: the mean of the vectors of every n-gram occurrence. */
    MEAN("mean"),
    /**
     * NBSVM's (Wang and Manning 2012): each distinct n-gram of the review counted once, its vector scaled
     * by its Naive Bayes log-count ratio in the training reviews ({@link NaiveBayesRatios}), summed.
     */
    NB("nb");

    private final String key;

    NgramWeighting(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
