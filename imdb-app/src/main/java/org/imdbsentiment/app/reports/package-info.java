/**
 * What a person reads about runs: the test report of a run (metrics, predictions, most confident
 * mistakes, charts), re-evaluation, and the comparison of several runs (results.md, results.json).
 * Reads runs only through {@code org.imdbsentiment.app.runs}.
 */
package org.imdbsentiment.app.reports;
