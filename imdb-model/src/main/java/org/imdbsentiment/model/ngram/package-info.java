/**
 * The bag-of-n-grams branch of the hybrid model (v5) and of the n-gram model alone: hashed bigram ids
 * ({@link org.imdbsentiment.model.ngram.BigramHash}), and a DL4J layer
 * ({@link org.imdbsentiment.model.ngram.NgramBag}) that looks up a small embedding for each unigram and
 * bigram of a review's real steps and averages them, fastText-style.
 */
package org.imdbsentiment.model.ngram;
