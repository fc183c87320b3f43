package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.config.Versions;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.model.config.ExperimentConfig;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/**
 * What every command works with: its streams, the system properties ({@code -Dkey=value} settings)
 * and how progress is shown.
 */
record CliContext(PrintStream out, PrintStream err, InputStream in, Properties systemProperties,
                  Progress.Factory progress) {

    /** A command's settings: its options over system properties over the version file over the defaults. */
    ExperimentConfig config(Map<String, String> options) {
        return Versions.resolve(options, systemProperties);
    }

    /** How the command line looked, for the run's record: {@code imdb-sentiment [-Dkey=value ...] args...}. */
    String commandLine(String[] args) {
        StringBuilder sb = new StringBuilder("imdb-sentiment");
        Versions.fromSystemProperties(systemProperties).forEach((k, v) -> sb.append(" -D").append(k).append('=').append(v));
        if (systemProperties.getProperty("resume") != null) {
            sb.append(" -Dresume=").append(systemProperties.getProperty("resume"));
        }
        for (String a : args) {
            sb.append(' ').append(a.matches("[\\w./:=@,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
