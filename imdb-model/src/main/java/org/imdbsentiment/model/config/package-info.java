/**
 * The settings table: every setting's key, type, default, range, description and whether it changes
 * results, and the resolved, checked {@code ExperimentConfig}. Knows nothing of command lines or files.
 */
package org.imdbsentiment.model.config;
