/**
 * The bag-of-n-grams branch of the hybrid model (v5) and of the n-gram model alone: hashed bigram and
 * trigram ids ({@link org.imdbsentiment.model.ngram.NgramHash}), and a DL4J layer
 * ({@link org.imdbsentiment.model.ngram.NgramBag}) that looks up a small embedding for each unigram,
 * bigram (and trigram) of a review's real steps and averages them, fastText-style.
 */
package org.imdbsentiment.model.ngram;
