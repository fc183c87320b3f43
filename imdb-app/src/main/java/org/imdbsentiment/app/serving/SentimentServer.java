package org.imdbsentiment.app.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.pipeline.Prediction;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one model bundle over HTTP (Javalin on Jetty):
 * <ul>
 *   <li>{@code POST /v1/sentiment} with {@code {"text": "..."}} or {@code {"texts": [...]}} (and
 *   {@code "explain": true} for token contributions) returns
 *   {@code {"predictions": [{"label", "probability_positive", "tokens", "truncated"}], "model"}};</li>
 *   <li>{@code GET /health} (alive), {@code /ready} (model loaded and warmed up), {@code /v1/model}
 *   (version, settings, provenance, test metrics), {@code /metrics} (Prometheus text),
 *   {@code /openapi.json}, and the web page at {@code /}.</li>
 * </ul>
 * Concurrent requests are scored together ({@link BatchingPredictor}); a full queue answers 503 with
 * {@code Retry-After}. Every error is a JSON object {@code {"error": {"status", "message"}}} with the
 * right status, never a stack trace. {@link #shutdown} stops taking requests, lets those in flight
 * finish, then stops.
 */
public final class SentimentServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SentimentServer.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Limits and batching of a server.
     *
     * @param maxTexts   most texts in one request (more: 413)
     * @param maxChars   most characters in one text (more: 413)
     * @param maxBatch   most texts scored in one model pass
     * @param maxWaitMs  how long a pass waits for more requests
     * @param queueTexts most texts waiting at once (more: 503)
     * @param workers    model passes that run at once, each on its own copy of the model
     */
    public record Limits(int maxTexts, int maxChars, int maxBatch, int maxWaitMs, int queueTexts, int workers) {
        /** One worker per core. */
        public static final Limits DEFAULT = new Limits(64, 100_000, 64, 5, 512, Runtime.getRuntime().availableProcessors());

        public Limits {
            if (maxTexts < 1 || maxChars < 1 || maxBatch < 1 || maxWaitMs < 0 || queueTexts < 1 || workers < 1) {
                throw new IllegalArgumentException("server limits must be positive: " + this);
            }
        }

        /** One worker. */
        public Limits(int maxTexts, int maxChars, int maxBatch, int maxWaitMs, int queueTexts) {
            this(maxTexts, maxChars, maxBatch, maxWaitMs, queueTexts, 1);
        }
    }

    /** A request the server refuses, with its status. */
    static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    record TokenJson(String token, int position, double contribution) {
    }

    record PredictionJson(String label, double probabilityPositive, int tokens, boolean truncated,
                          List<TokenJson> explanation) {
    }

    record Response(List<PredictionJson> predictions, String model) {
    }

    private final ModelBundle bundle;
    private final Limits limits;
    private final ServingMetrics metrics;
    private final BatchingPredictor predictor;
    private static final String IN_FLIGHT = "imdb-sentiment.in-flight";
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Javalin app;
    /** Javalin's Jetty server, set when it is built (at start). */
    private volatile Server jetty;
    private volatile boolean accepting = true;
    private volatile boolean ready;

    private SentimentServer(ModelBundle bundle, Limits limits) {
        this.bundle = bundle;
        this.limits = limits;
        SentimentPipeline pipeline = bundle.pipeline();
        BatchingPredictor[] p = new BatchingPredictor[1];
        this.metrics = new ServingMetrics(() -> p[0] == null ? 0 : p[0].queuedTexts());
        this.predictor = p[0] = new BatchingPredictor(bundle.graph(), pipeline, limits.maxBatch(), limits.maxWaitMs(),
                limits.queueTexts(), metrics::batch, limits.workers());
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = (long) limits.maxTexts() * limits.maxChars() * 4 + 65_536;
            config.startup.showJavalinBanner = false;
            // Jetty's graceful stop: a stopping server lets each request it is answering complete, its
            // response written and flushed, before it closes the connection (up to its stop timeout).
            // Javalin attaches its own handlers inside this one.
            config.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                jetty = server;
            });
            config.requestLogger.http((ctx, ms) -> {
                // Called once the response is written: only then is a request no longer in flight
                // (counting it done when the handler returned let shutdown close its connection first).
                if (ctx.attribute(IN_FLIGHT) != null) {
                    inFlight.decrementAndGet();
                }
                metrics.request(pathLabel(ctx), ctx.statusCode(), ms / 1000);
            });
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "alive")));
            config.routes.get("/ready", this::ready);
            config.routes.get("/v1/model", ctx -> ctx.json(model()));
            config.routes.get("/metrics", ctx -> ctx.contentType(ServingMetrics.contentType()).result(metrics.scrape()));
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(resource("openapi.json")));
            config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(resource("index.html")));
            config.routes.post("/v1/sentiment", this::sentiment);
            config.routes.exception(Refusal.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
            // Javalin's own refusals (a body over its size limit, ...) in the same JSON shape.
            config.routes.exception(io.javalin.http.HttpResponseException.class,
                    (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("request failed", e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            config.routes.error(404, "*", ctx -> error(ctx, 404, "no such path: " + ctx.method() + " " + ctx.path()));
            config.routes.error(405, "*", ctx -> error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path()));
        });
    }

    /** Starts a server for {@code bundle} on {@code host:port} (port 0: any free one) and warms the model up. */
    public static SentimentServer start(ModelBundle bundle, String host, int port, Limits limits) {
        SentimentServer s = new SentimentServer(bundle, limits);
        s.app.start(host, port);
        s.warmUp();
        return s;
    }

    public int port() {
        return app.port();
    }

    private void warmUp() {
        try {
            predictor.submit(List.of("A warm-up review: good, bad, fine.", "Another one, longer than the first one."), true)
                    .get(2, TimeUnit.MINUTES);
            ready = true;
            log.info("Model {} ready on port {}", bundle.id(), port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.error("warm-up failed", e);
        }
    }

    private void ready(Context ctx) {
        if (ready && accepting) {
            ctx.json(Map.of("status", "ready", "model", bundle.id()));
        } else {
            error(ctx, 503, accepting ? "the model is warming up" : "the server is shutting down");
        }
    }

    private Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", bundle.id());
        m.put("version", bundle.config().version());
        m.put("tokenizer", Map.of("name", bundle.tokenizer(), "rules_version", bundle.tokenizerRules()));
        m.put("settings", bundle.config().resultSettings());
        m.put("provenance", bundle.provenance());
        if (bundle.testMetrics() != null) {
            m.put("test_metrics", bundle.testMetrics());
        }
        m.put("limits", limits);
        return m;
    }

    private void sentiment(Context ctx) throws InterruptedException {
        if (!accepting) {
            ctx.header("Retry-After", "5");
            throw new Refusal(503, "the server is shutting down");
        }
        inFlight.incrementAndGet();
        ctx.attribute(IN_FLIGHT, Boolean.TRUE);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new Refusal(415, "send JSON with Content-Type: application/json (was '" + type + "')");
        }
        Request request = parse(ctx.bodyAsBytes());
        BatchingPredictor.Result result;
        try {
            result = predictor.submit(request.texts(), request.explain()).get(60, TimeUnit.SECONDS);
        } catch (BatchingPredictor.Overloaded e) {
            ctx.header("Retry-After", "1");
            throw new Refusal(503, e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("scoring failed", e);
        }
        List<PredictionJson> out = new ArrayList<>();
        for (int i = 0; i < request.texts().size(); i++) {
            Prediction p = result.predictions().get(i);
            List<TokenJson> explanation = result.explanations() == null ? null : result.explanations().get(i).tokens()
                    .stream().map(t -> new TokenJson(t.token(), t.position(), t.contribution())).toList();
            out.add(new PredictionJson(p.label().name().toLowerCase(Locale.ROOT), p.probabilityPositive(), p.tokens(),
                    p.truncated(), explanation));
        }
        ctx.json(new Response(out, bundle.id()));
    }

    record Request(List<String> texts, boolean explain) {
    }

    /** Reads and checks a request body; a bad one is a {@link Refusal} with its status. */
    Request parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refusal(400, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refusal(400, "cannot read the body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Refusal(400, "the body must be a JSON object with \"text\" or \"texts\"");
        }
        boolean hasText = root.has("text");
        boolean hasTexts = root.has("texts");
        if (hasText == hasTexts) {
            throw new Refusal(400, "give exactly one of \"text\" (a string) or \"texts\" (an array of strings)");
        }
        List<String> texts = new ArrayList<>();
        if (hasText) {
            texts.add(string(root.get("text"), "text"));
        } else {
            JsonNode array = root.get("texts");
            if (!array.isArray()) {
                throw new Refusal(400, "\"texts\" must be an array of strings");
            }
            if (array.size() > limits.maxTexts()) {
                throw new Refusal(413, "at most " + limits.maxTexts() + " texts per request, got " + array.size());
            }
            for (int i = 0; i < array.size(); i++) {
                texts.add(string(array.get(i), "texts[" + i + "]"));
            }
            if (texts.isEmpty()) {
                throw new Refusal(422, "\"texts\" is empty");
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            String name = hasText ? "text" : "texts[" + i + "]";
            if (t.length() > limits.maxChars()) {
                throw new Refusal(413, name + " has " + t.length() + " characters; at most " + limits.maxChars());
            }
            if (t.isBlank()) {
                throw new Refusal(422, name + " is empty");
            }
        }
        JsonNode explain = root.get("explain");
        if (explain != null && !explain.isBoolean()) {
            throw new Refusal(400, "\"explain\" must be true or false");
        }
        return new Request(texts, explain != null && explain.asBoolean());
    }

    private static String string(JsonNode node, String name) {
        if (node == null || !node.isTextual()) {
            throw new Refusal(400, "\"" + name + "\" must be a string");
        }
        return node.asText();
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        ctx.status(HttpStatus.forStatus(status)).json(Map.of("error", body));
    }

    private static String pathLabel(Context ctx) {
        String p = ctx.path();
        return switch (p) {
            case "/", "/health", "/ready", "/metrics", "/openapi.json", "/v1/model", "/v1/sentiment" -> p;
            default -> "other";
        };
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SentimentServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Requests on {@code /v1/sentiment} being answered now. */
    int requestsInFlight() {
        return inFlight.get();
    }

    /**
     * Stops taking requests (new ones get 503), waits up to {@code grace} for those in flight to
     * finish, then stops the server, which still lets any response being written complete (Jetty's
     * graceful stop, within what is left of {@code grace}, at least a second). Returns whether every
     * request in flight finished.
     */
    public boolean shutdown(Duration grace) {
        accepting = false;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean drained = inFlight.get() == 0;
        Server server = jetty;
        if (server != null) {
            // The count above drops once a response is handed to Jetty, which may not have sent it yet.
            server.setStopTimeout(Math.max(1_000, (deadline - System.nanoTime()) / 1_000_000));
        }
        app.stop();
        predictor.close();
        return drained;
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
