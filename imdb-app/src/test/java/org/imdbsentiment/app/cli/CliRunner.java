package org.imdbsentiment.app.cli;

import org.imdbsentiment.data.Progress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the command line in-process, as tests do: captured output, no progress bars. */
public final class CliRunner {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    public Cli.Outcome run(String... args) {
        return runWithInput(InputStream.nullInputStream(), args);
    }

    public Cli.Outcome runWithInput(String stdin, String... args) {
        return runWithInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private Cli.Outcome runWithInput(InputStream in, String... args) {
        out.reset();
        err.reset();
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                in, new Properties(), Progress.Factory.NONE).run(args);
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Trains a small, quick model (embedding and LSTM of 8) on {@code data} (e.g. a mini aclImdb tree
     * or archive) into {@code output}; {@code extra} (option, value pairs) replace or add to those
     * settings. Returns the run directory.
     */
    public static Path trainMini(Path data, Path output, String... extra) throws IOException {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>(java.util.Map.of("--data", data.toString(),
                "--output", output.toString(), "--validation-size", "16", "--batch-size", "8", "--vocab-size", "30",
                "--embedding-size", "8", "--hidden-size", "8", "--epochs", "2", "--learning-rate", "0.02"));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        List<String> args = new ArrayList<>();
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        CliRunner cli = new CliRunner();
        assertEquals(0, cli.run(args.toArray(String[]::new)).status(), cli.err());
        return CliTest.onlyRunDirectory(output);
    }
}
