package org.imdbsentiment.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.app.serving.SentimentServer;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** serve, loadtest, evaluate --file and predict --explain through the command line. */
class ServeCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;
    static Path runDir;

    private final CliRunner cli = new CliRunner();

    private Cli.Outcome run(String... args) {
        return cli.run(args);
    }

    private String errText() {
        return cli.err();
    }

    @BeforeAll
    static void train() throws IOException {
        data = MiniImdb.writeArchive(tmp.resolve("data.tar.gz"), 40);
        runDir = CliRunner.trainMini(data, tmp.resolve("runs"));
    }

    @Test
    void serveStopsOnSigtermAndExitsZero() throws Exception {
        int port = 20_000 + new java.util.Random().nextInt(20_000);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), org.imdbsentiment.app.ImdbSentiment.class.getName(), "serve",
                "--model", runDir.resolve(RunDirectory.MODEL_BUNDLE).toString(), "--port", Integer.toString(port));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile()).start();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        boolean ready = false;
        for (int i = 0; i < 120 && !ready && p.isAlive(); i++) {
            try {
                ready = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/ready"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        assertTrue(ready, Files.readString(tmp.resolve("serve.log")));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("serve.log")));
        assertTrue(Files.readString(tmp.resolve("serve.log")).contains("every request in flight was answered"));
    }

    @Test
    void serveRefusesABundleThatDoesNotFitTogether() throws IOException {
        Path bad = Files.copy(runDir.resolve(RunDirectory.MODEL_BUNDLE), tmp.resolve("bad.zip"));
        try (var zip = java.nio.file.FileSystems.newFileSystem(java.net.URI.create("jar:" + bad.toUri()), java.util.Map.of())) {
            Files.writeString(zip.getPath(ModelBundle.VOCABULARY), "<pad>\n<unk>\nonly\n");
        }
        assertEquals(Cli.FAILED, run("serve", "--model", bad.toString(), "--port", "0").status());
        assertEquals(1, errText().strip().lines().count(), errText());
        assertTrue(errText().contains("do not belong together"), errText());
        assertEquals(Cli.USAGE, run("serve", "--model", bad.toString(), "--port", "70000").status());
    }

    @Test
    void loadtestPrintsALinePerLevelWithoutErrorsAndTargetsLoopbackOnly() throws Exception {
        ModelBundle bundle = ModelBundle.read(runDir.resolve(RunDirectory.MODEL_BUNDLE));
        try (SentimentServer server = SentimentServer.start(bundle, "127.0.0.1", 0, SentimentServer.Limits.DEFAULT)) {
            Cli.Outcome o = run("loadtest", "--url", "http://127.0.0.1:" + server.port(), "--data", data.toString(),
                    "--concurrency", "1,4", "--seconds", "1", "--max-requests", "40");
            assertEquals(0, o.status(), errText());
            List<String> lines = cli.out().strip().lines().toList();
            assertEquals(2, lines.size(), lines.toString());
            JsonNode level = JSON.readTree(lines.get(1));
            assertEquals(4, level.get("concurrency").asInt());
            assertEquals(0, level.get("errors").asInt(), lines.get(1));
            assertTrue(level.get("requests").asInt() > 0 && level.get("requests").asInt() <= 40, lines.get(1));
            assertTrue(level.get("p99_ms").asDouble() >= level.get("p50_ms").asDouble());
        }
        assertEquals(Cli.USAGE, run("loadtest", "--url", "http://192.0.2.1:8080", "--data", data.toString()).status());
        assertTrue(errText().contains("only targets loopback"), errText());
    }

    @Test
    void evaluateReadsAUsersLabelledReviewsInEveryFormat() throws IOException {
        Path tsv = Files.writeString(tmp.resolve("mine.tsv"), "label\ttext\npositive\tA wonderful, great film!\n"
                + "neg\tAn awful, terrible film.\n1\tLoved it, superb.\n0\tHated it.\n");
        Path csv = Files.writeString(tmp.resolve("mine.csv"), "text,label\n\"A wonderful, \"\"great\"\" film!\",POS\n"
                + "\"An awful,\nterrible film.\",negative\n");
        Path jsonl = Files.writeString(tmp.resolve("mine.jsonl"), "{\"text\": \"A wonderful film\", \"label\": 1}\n\n"
                + "{\"text\": \"An awful film\", \"label\": \"neg\"}\n");
        for (Path f : List.of(tsv, csv, jsonl)) {
            Cli.Outcome o = run("evaluate", "--run", runDir.toString(), "--file", f.toString());
            assertEquals(0, o.status(), f + ": " + errText());
            TestMetrics m = o.result(TestMetrics.class);
            assertEquals(f == tsv ? 4 : 2, m.reviews(), f.toString());
            assertTrue(cli.out().startsWith(f.getFileName() + ": accuracy"), cli.out());
        }
        Path bad = Files.writeString(tmp.resolve("bad.tsv"), "text\tlabel\nfine film\tmaybe\n");
        assertEquals(Cli.FAILED, run("evaluate", "--run", runDir.toString(), "--file", bad.toString()).status());
        assertEquals("error: " + bad + " line 2: label 'maybe' is not positive/negative, pos/neg or 1/0", errText().strip());
        Path noHeader = Files.writeString(tmp.resolve("nohead.csv"), "a,b\nx,y\n");
        assertEquals(Cli.FAILED, run("evaluate", "--run", runDir.toString(), "--file", noHeader.toString()).status());
        assertTrue(errText().contains("'text' and a 'label' column"), errText());
    }

    @Test
    void predictExplainsWhichWordsMovedTheProbability() throws IOException {
        Cli.Outcome o = run("predict", "--model", runDir.resolve(RunDirectory.MODEL_BUNDLE).toString(), "--explain", "--json",
                "A wonderful, great film!");
        assertEquals(0, o.status(), errText());
        JsonNode line = JSON.readTree(cli.out().strip());
        JsonNode explanation = line.get("explanation");
        assertEquals(6, explanation.size());
        for (int i = 1; i < explanation.size(); i++) {
            assertTrue(Math.abs(explanation.get(i - 1).get("contribution").asDouble())
                    >= Math.abs(explanation.get(i).get("contribution").asDouble()), explanation.toString());
        }
        assertEquals(0, run("predict", "--run", runDir.toString(), "--explain", "A wonderful, great film!").status());
        List<String> text = cli.out().strip().lines().toList();
        assertEquals(2, text.size());
        assertTrue(text.get(1).matches("\\s+( \\S+ [+-]\\d\\.\\d{4})+"), text.get(1));
    }
}
