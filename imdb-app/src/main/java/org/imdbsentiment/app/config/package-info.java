/**
 * The experiment versions (version files holding only their differences from the defaults) and the
 * order in which setting sources override each other. The settings themselves (keys, types, ranges)
 * belong to {@code org.imdbsentiment.model.config}, not here.
 */
package org.imdbsentiment.app.config;
