package org.imdbsentiment.app.scripts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java probes {@code scripts/core-scaling.sh} runs as single-file programs against the shaded jar
 * ({@code scripts/scaling/*.java}) are outside Maven's sources; this compiles them against the app's
 * classpath, so that a change of the API they call (the CLI, ND4J, OpenBLAS's binding) fails here
 * and not in the script, on a measuring day.
 */
class ScalingProbesTest {
    private static final Path PROBES = Path.of("..", "scripts", "scaling");

    @Test
    void theScalingScriptsJavaProbesCompileAgainstTheApp(@TempDir Path out) throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROBES)) {
            files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().forEach(sources::add);
        }
        assertEquals(2, sources.size(), "probes in " + PROBES.toAbsolutePath() + ": " + sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler (a JRE instead of a JDK?)");
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, status, errors.toString());
        assertTrue(Files.isRegularFile(out.resolve("TwoTrainings.class")));
        assertTrue(Files.isRegularFile(out.resolve("OneJvmOps.class")));
    }
}
