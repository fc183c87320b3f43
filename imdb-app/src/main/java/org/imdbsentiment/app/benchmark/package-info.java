/**
 * Speed measurement: training and inference minibatches timed on the real review lengths, reported
 * as one JSON line. Speed targets are checked with it, never by timed unit tests.
 */
package org.imdbsentiment.app.benchmark;
