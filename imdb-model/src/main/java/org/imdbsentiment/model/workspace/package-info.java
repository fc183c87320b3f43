/**
 * DL4J's memory workspaces as training uses them: {@link org.imdbsentiment.model.workspace.TrainingWorkspaces}
 * sizes them for the largest minibatch before the first one, so that they do not grow (and zero their memory
 * again) over the first minibatches of a run.
 */
package org.imdbsentiment.model.workspace;
