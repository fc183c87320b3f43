/** DL4J's training dashboard: starting it on a run's statistics file, live or after the run. */
package org.imdbsentiment.app.dashboard;
