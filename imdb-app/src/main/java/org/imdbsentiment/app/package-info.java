/**
 * The application: {@link org.imdbsentiment.app.ImdbSentiment#main} hands the command line to
 * {@link org.imdbsentiment.app.cli.Cli}. Everything else lives in the packages by job below this one
 * (command line, config, training, runs, reports, dashboard, benchmark); docs/architecture.md maps them.
 */
package org.imdbsentiment.app;
