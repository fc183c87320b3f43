/**
 * One training run: data preparation, the graph, DL4J's early stopping with this project's adapters
 * (which number epochs from the run's start and rely on no listener order), checkpoints and resume,
 * and the final test evaluation and model bundle. Writes run files only through
 * {@code org.imdbsentiment.app.runs.RunDirectory}; never parses command lines (it logs, and on an
 * interrupt tells the user on standard error how to resume).
 */
package org.imdbsentiment.app.training;
