/**
 * The command line: picocli {@code @Command} classes, one per sub-command, the settings options
 * generated from the settings table, exit codes and one-line errors, and console progress. Owns
 * parsing and printing only: the work is done by the training, reports, runs and benchmark packages,
 * and nothing outside this package calls {@code System.exit}.
 */
package org.imdbsentiment.app.cli;
