/**
 * The word-embedding layer the fast LSTM's graphs use: {@link
 * org.imdbsentiment.model.embedding.FastEmbeddingSequence}, DL4J's {@code EmbeddingSequenceLayer}
 * configuration whose runtime layer ({@link org.imdbsentiment.model.embedding.FastEmbeddingSequenceLayer})
 * computes DL4J's outputs and weight gradient bit for bit in one pass each way.
 */
package org.imdbsentiment.model.embedding;
