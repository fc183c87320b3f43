/**
 * An output for models whose branches each give their own logit ({@code architecture=hybrid-heads}):
 * {@link org.imdbsentiment.model.output.BranchMeanOutput} reads the logits {@code [batch, K]}, gives
 * P(positive) {@code [batch, 1]} from their mean, and trains each logit on its own binary cross-entropy
 * ({@link org.imdbsentiment.model.output.BranchLogitsLoss}), so no branch leans on another.
 */
package org.imdbsentiment.model.output;
