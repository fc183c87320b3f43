package org.imdbsentiment.app;

import org.imdbsentiment.app.backend.GpuCheck;
import org.imdbsentiment.app.cli.Cli;
import org.imdbsentiment.app.training.MemoryGuard;

import java.util.List;
import java.util.Optional;

/**
 * Entry point: {@code mvn -pl imdb-app exec:java -Dversion=v1}, or {@code java -jar} with options
 * ({@code --help} lists them).
 */
public final class ImdbSentiment {
    private ImdbSentiment() {
    }

    public static void main(String[] args) {
        MemoryGuard.limitNativeMemory(); // before JavaCPP (ND4J's native memory) loads
        if (!List.of(args).contains("--help") && !List.of(args).contains("settings")) {
            Optional<String> refusal = GpuCheck.refusal(); // before ND4J's CUDA backend loads
            if (refusal.isPresent()) {
                System.err.println("error: " + refusal.get());
                System.exit(Cli.FAILED);
            }
        }
        int status = new Cli(System.out, System.err, System.in, System.getProperties()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
        // Status 0: return, so that a dashboard kept open with --ui-keep goes on serving until Ctrl-C.
    }
}
