package org.imdbsentiment.app.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imdbsentiment.app.cli.CliRunner;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.pipeline.Explanation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP service on a model trained in the test, called over loopback as a client would. */
class SentimentServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static Path runDir;
    static ModelBundle bundle;
    static org.deeplearning4j.nn.graph.ComputationGraph reference;
    static SentimentServer server;
    static URI base;

    @BeforeAll
    static void trainAndServe() throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        runDir = CliRunner.trainMini(data, tmp.resolve("runs"), "--epochs", "3");
        bundle = ModelBundle.read(runDir.resolve(RunDirectory.MODEL_BUNDLE));
        reference = bundle.graph().clone(); // the server's workers use the bundle's graph and copies of it
        server = SentimentServer.start(bundle, "127.0.0.1", 0, new SentimentServer.Limits(4, 2_000, 64, 5, 512, 2));
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(URI base, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/sentiment")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return post(base, "application/json", body);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String messagePart) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertEquals(status, e.get("status").asInt());
        assertTrue(e.get("message").asText().contains(messagePart), r.body());
        assertFalse(r.body().contains("Exception") || r.body().matches("(?s).*\\bat [a-z]+\\.[a-z].*"), r.body());
    }

    @Test
    void aTextAndABatchGetTheirPredictionsInOrder() throws Exception {
        HttpResponse<String> one = post("{\"text\": \"A wonderful, great film!\"}");
        assertEquals(200, one.statusCode(), one.body());
        JsonNode p = JSON.readTree(one.body());
        assertEquals(bundle.id(), p.get("model").asText());
        JsonNode first = p.get("predictions").get(0);
        assertEquals(first.get("probability_positive").asDouble() > 0.5 ? "positive" : "negative", first.get("label").asText());
        assertEquals(6, first.get("tokens").asInt());
        assertFalse(first.get("truncated").asBoolean());

        HttpResponse<String> many = post("{\"texts\": [\"An awful, terrible film.\", \"A wonderful, great film!\", \"🎬 ‏שלום\\u0000\"]}");
        assertEquals(200, many.statusCode(), many.body());
        JsonNode ps = JSON.readTree(many.body()).get("predictions");
        assertEquals(3, ps.size());
        assertEquals(first.get("probability_positive").asDouble(), ps.get(1).get("probability_positive").asDouble(), 1e-6);
    }

    @Test
    void everyBadRequestGetsAJsonErrorWithItsStatus() throws Exception {
        assertError(post("{\"text\": "), 400, "not valid JSON");
        assertError(post("[1, 2]"), 400, "JSON object");
        assertError(post("{\"txt\": \"x\"}"), 400, "exactly one of");
        assertError(post("{\"text\": 5}"), 400, "must be a string");
        assertError(post("{\"texts\": [\"ok\", 5]}"), 400, "texts[1]");
        assertError(post("{\"text\": \"x\", \"explain\": \"yes\"}"), 400, "explain");
        assertError(post("{\"text\": \"   \"}"), 422, "empty");
        assertError(post("{\"texts\": []}"), 422, "empty");
        assertError(post("{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}"), 413, "at most 4 texts");
        assertError(post("{\"text\": \"" + "a ".repeat(1_500) + "\"}"), 413, "at most 2000");
        HttpResponse<String> huge = post("{\"text\": \"" + "a".repeat(300_000) + "\"}"); // over the body limit
        assertEquals(413, huge.statusCode(), huge.body());
        assertEquals(413, JSON.readTree(huge.body()).at("/error/status").asInt(), huge.body());
        assertError(post(base, "text/plain", "hello"), 415, "application/json");
        assertError(get("/v1/sentiment"), 405, "not allowed");
        assertError(get("/v2/nothing"), 404, "no such path");
    }

    @Test
    void healthReadinessModelMetricsOpenApiAndThePageAreServed() throws Exception {
        assertEquals(200, get("/health").statusCode());
        assertEquals(200, get("/ready").statusCode());
        JsonNode model = JSON.readTree(get("/v1/model").body());
        assertEquals(bundle.id(), model.get("id").asText());
        assertEquals("v1", model.get("version").asText());
        assertEquals("8", model.at("/settings/embedding-size").asText());
        assertTrue(model.at("/provenance/git_commit").isTextual());
        assertTrue(model.at("/test_metrics/accuracy").isNumber());
        post("{\"text\": \"fine\"}");
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        for (String name : List.of("sentiment_requests_total", "sentiment_request_duration_seconds", "sentiment_batch_texts",
                "sentiment_queue_texts", "process_resident_memory_bytes")) {
            assertTrue(metrics.body().contains("# TYPE " + name), name + " in " + metrics.body());
        }
        assertTrue(metrics.body().contains("sentiment_requests_total{path=\"/v1/sentiment\",status=\"200\"}"), metrics.body());
        assertEquals("3.0.3", JSON.readTree(get("/openapi.json").body()).get("openapi").asText());
        HttpResponse<String> page = get("/");
        assertTrue(page.body().contains("<html") && page.body().contains("/v1/sentiment"));
    }

    @Test
    void concurrentClientsEachGetTheirOwnPredictions() throws Exception {
        List<String> words = List.of("wonderful", "great", "awful", "terrible", "film", "number", "loved", "hated");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Void>> done = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                for (int r = 0; r < 8; r++) {
                    List<String> texts = new ArrayList<>();
                    for (int k = 0; k < 1 + (client + r) % 4; k++) {
                        texts.add(words.get((client + k) % 8) + " " + words.get((r * 3 + k) % 8) + " " + client + " " + r);
                    }
                    HttpResponse<String> resp = post(JSON.writeValueAsString(Map.of("texts", texts)));
                    assertEquals(200, resp.statusCode(), resp.body());
                    JsonNode ps = JSON.readTree(resp.body()).get("predictions");
                    List<org.imdbsentiment.model.pipeline.Prediction> expected;
                    synchronized (reference) {
                        expected = bundle.pipeline().predict(reference, texts);
                    }
                    assertEquals(texts.size(), ps.size());
                    for (int k = 0; k < texts.size(); k++) {
                        assertEquals(expected.get(k).probabilityPositive(), ps.get(k).get("probability_positive").asDouble(),
                                1e-5, texts.get(k));
                        assertEquals(expected.get(k).tokens(), ps.get(k).get("tokens").asInt(), texts.get(k));
                    }
                }
                return null;
            }));
        }
        for (Future<Void> f : done) {
            f.get();
        }
        pool.shutdown();
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("sentiment_batch_texts_count"), metrics);
        // two workers, each with its own copy of the model, answered them
        assertEquals(2, JSON.readTree(get("/v1/model").body()).get("limits").get("workers").asInt());
    }

    @Test
    void aTestReviewGetsTheProbabilityOfTheRunsPredictions() throws Exception {
        String line = Files.readAllLines(runDir.resolve(RunDirectory.TEST_PREDICTIONS)).get(5);
        String id = line.split(",")[0];
        double expected = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
        String text = Files.readString(tmp.resolve("data/aclImdb/" + id + ".txt"));
        HttpResponse<String> r = post(JSON.writeValueAsString(Map.of("text", text)));
        assertEquals(expected, JSON.readTree(r.body()).at("/predictions/0/probability_positive").asDouble(), 1e-5);
    }

    @Test
    void theTokenReportedFirstIsTheOneWhoseRemovalMovesTheProbabilityMost() throws Exception {
        String text = "An awful, terrible film number 3. Hated it, though the acting was great.";
        HttpResponse<String> r = post(JSON.writeValueAsString(Map.of("text", text, "explain", true)));
        JsonNode explanation = JSON.readTree(r.body()).at("/predictions/0/explanation");
        double p = JSON.readTree(r.body()).at("/predictions/0/probability_positive").asDouble();
        assertTrue(explanation.size() > 5);
        List<String> tokens = new org.imdbsentiment.data.WordTokenizer().tokenize(text);
        double biggest = 0;
        int biggestAt = -1;
        for (int i = 0; i < tokens.size(); i++) {
            List<String> occluded = new ArrayList<>(tokens);
            occluded.set(i, "qqqzzxunknown");
            double without = bundle.pipeline().predict(reference, List.of(String.join(" ", occluded))).get(0)
                    .probabilityPositive();
            if (Math.abs(p - without) > biggest) {
                biggest = Math.abs(p - without);
                biggestAt = i;
            }
        }
        JsonNode top = explanation.get(0);
        assertEquals(biggestAt, top.get("position").asInt(), explanation.toString());
        assertEquals(biggest, Math.abs(top.get("contribution").asDouble()), 1e-5);
        assertTrue(biggest > 0);
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        try (SentimentServer slow = SentimentServer.start(bundle, "127.0.0.1", 0, new SentimentServer.Limits(4, 2_000, 64, 1_500, 2))) {
            URI b = URI.create("http://127.0.0.1:" + slow.port());
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(b, "application/json", "{\"texts\": [\"great\", \"awful\"]}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(400); // the first request waits in the batch for more
            HttpResponse<String> refused = post(b, "application/json", "{\"text\": \"film\"}");
            assertError(refused, 503, "busy");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals(200, first.get().statusCode());
        }
    }

    @Test
    void shutdownFinishesTheRequestInFlightThenStops() throws Exception {
        SentimentServer s = SentimentServer.start(bundle, "127.0.0.1", 0, new SentimentServer.Limits(4, 2_000, 64, 1_000, 64));
        URI b = URI.create("http://127.0.0.1:" + s.port());
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return post(b, "application/json", "{\"text\": \"a great film\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Wait until the request has reached the server (it then waits up to 1 s in the batcher): a
        // fixed sleep lost that race on a busy machine, and shutdown refused the request instead.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (s.requestsInFlight() == 0 && !inFlight.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(s.shutdown(Duration.ofSeconds(10)));
        assertEquals(200, inFlight.get().statusCode(), inFlight.get().body());
        assertThrows(IOException.class, () -> post(b, "application/json", "{\"text\": \"too late\"}"));
    }

    @Test
    void explanationsAgreeWithThePipelinesOwn() {
        List<Explanation> e = bundle.pipeline().explain(reference, List.of("great film", "zzzunknown"));
        assertEquals(2, e.get(0).tokens().size());
        assertEquals(0.0, e.get(1).tokens().get(0).contribution()); // UNK already: nothing to remove
    }
}
