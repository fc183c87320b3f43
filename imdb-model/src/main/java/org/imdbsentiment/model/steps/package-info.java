/**
 * A graph vertex that lets one side of a model read fewer of a review's tokens than another
 * ({@code ngram-max-length}): {@link org.imdbsentiment.model.steps.TruncatedSteps} keeps, of each
 * review's real steps, the ones {@link org.imdbsentiment.data.Truncation} keeps, and hands on their mask.
 */
package org.imdbsentiment.model.steps;
