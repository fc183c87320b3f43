/**
 * A run's directory and its files as records (run.json, epochs.csv, test-metrics.json,
 * glove-coverage.json, config.properties), read and written in one place with one JSON mapper, plus
 * provenance (build version and commit, machine, file checksums) and the run's model bundle. Knows
 * nothing of training or of the command line.
 */
package org.imdbsentiment.app.runs;
