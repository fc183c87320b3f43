package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.serving.SentimentServer;
import org.imdbsentiment.app.training.ComputeThreads;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

@CommandLine.Command(name = "serve", description = "Serves a model over HTTP: POST /v1/sentiment, GET /health, /ready, "
        + "/v1/model, /metrics, /openapi.json and a web page at /. Bound to 127.0.0.1 unless told otherwise. "
        + "SIGTERM or Ctrl-C stops taking requests, finishes those in flight and exits 0.")
final class ServeCommand implements Command {
    private final CliContext context;
    private SentimentServer result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelChoice model;

    @Option(names = "--host", paramLabel = "<address>", description = "address to listen on (default: 127.0.0.1; "
            + "0.0.0.0: every interface)")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "<port>", description = "port (default: 8080; 0: any free one)")
    int port = 8080;

    @Option(names = "--max-texts", paramLabel = "<n>", description = "most texts per request (default: 64)")
    int maxTexts = SentimentServer.Limits.DEFAULT.maxTexts();

    @Option(names = "--max-chars", paramLabel = "<n>", description = "most characters per text (default: 100000)")
    int maxChars = SentimentServer.Limits.DEFAULT.maxChars();

    @Option(names = "--max-batch", paramLabel = "<n>", description = "most texts scored in one model pass (default: 64)")
    int maxBatch = SentimentServer.Limits.DEFAULT.maxBatch();

    @Option(names = "--max-wait-ms", paramLabel = "<ms>", description = "how long a pass waits for more requests (default: 5)")
    int maxWaitMs = SentimentServer.Limits.DEFAULT.maxWaitMs();

    @Option(names = "--queue", paramLabel = "<n>", description = "most texts waiting; more get 503 with Retry-After (default: 512)")
    int queue = SentimentServer.Limits.DEFAULT.queueTexts();

    @Option(names = "--workers", paramLabel = "<n>", description = "model passes at once, each on its own copy of the "
            + "model (default: one per core)")
    int workers = SentimentServer.Limits.DEFAULT.workers();

    @Option(names = "--threads", paramLabel = "<n>", description = "ND4J CPU threads of each pass (default: 1)")
    int threads = 1;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        if (port < 0 || port > 65_535) {
            throw new ConfigException("--port must be from 0 to 65535, was " + port);
        }
        SentimentServer.Limits limits;
        try {
            limits = new SentimentServer.Limits(maxTexts, maxChars, maxBatch, maxWaitMs, queue, workers);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        ComputeThreads.apply(threads);
        ModelBundle bundle = model.load();
        // The handlers come before the server answers /ready: a SIGTERM sent as soon as it is ready must stop
        // it gracefully, not end the JVM with status 143.
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> stop.countDown());
        }
        SentimentServer server = SentimentServer.start(bundle, host, port, limits);
        result = server;
        context.out().println("Serving " + bundle.id() + " on http://" + host + ":" + server.port()
                + "/ (POST /v1/sentiment; Ctrl-C or SIGTERM to stop)");
        stop.await();
        boolean drained = server.shutdown(Duration.ofSeconds(30));
        context.out().println(drained ? "Stopped: every request in flight was answered." : "Stopped after 30 s with requests still in flight.");
        return Cli.OK;
    }

    @Override
    public SentimentServer result() {
        return result;
    }
}
