package org.imdbsentiment.app.cli;

import org.deeplearning4j.ui.api.UIServer;
import org.imdbsentiment.app.dashboard.Dashboard;
import org.imdbsentiment.data.MiniImdb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training dashboard, served on a free loopback port during a short training run. */
class DashboardTest {

    @AfterEach
    void stopServer() throws Exception {
        UIServer.stopInstance();
        System.clearProperty("org.deeplearning4j.ui.port");
    }

    @Test
    void aRunWithTheDashboardRecordsEveryIterationAndServesTheScores(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        System.setProperty("org.deeplearning4j.ui.port", Integer.toString(port));
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.io.InputStream.nullInputStream(), new Properties(),
                org.imdbsentiment.data.Progress.Factory.NONE).execute(
                "--ui-keep", "--data", data.toString(), "--output", tmp.resolve("runs").toString(),
                "--validation-size", "16", "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8",
                "--hidden-size", "8", "--epochs", "2");
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        Path runDir = CliTest.onlyRunDirectory(tmp.resolve("runs"));
        assertTrue(Files.size(runDir.resolve(Dashboard.STATS_FILE)) > 0);

        // Kept running after training: the overview's data holds a score for each of the 16 iterations.
        // The server picks up the run's session asynchronously, so ask again for a few seconds.
        HttpResponse<String> overview = null;
        int scores = -1;
        for (long deadline = System.nanoTime() + 15_000_000_000L; scores != 16 && System.nanoTime() < deadline; ) {
            overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/train/overview/data")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, overview.statusCode());
            scores = new com.fasterxml.jackson.databind.ObjectMapper().readTree(overview.body()).get("scores").size();
            if (scores != 16) {
                Thread.sleep(200);
            }
        }
        assertEquals(16, scores, overview.body());
    }
}
