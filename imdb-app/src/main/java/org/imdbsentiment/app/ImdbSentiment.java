package org.imdbsentiment.app;

import org.imdbsentiment.app.cli.Cli;

/**
 * Entry point: {@code mvn -pl imdb-app exec:java -Dversion=v1}, or {@code java -jar} with options
 * ({@code --help} lists them).
 */
public final class ImdbSentiment {
    private ImdbSentiment() {
    }

    public static void main(String[] args) {
        int status = new Cli(System.out, System.err, System.in, System.getProperties()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
