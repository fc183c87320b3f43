/**
 * The one path from text to prediction (tokenizer, vocabulary, truncation, masked batches carrying
 * review ids, graph, probability), shared by training, evaluation, prediction and serving.
 */
package org.imdbsentiment.model.pipeline;
