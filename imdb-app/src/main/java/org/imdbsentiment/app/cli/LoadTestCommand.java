package org.imdbsentiment.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.imdbsentiment.app.serving.LoadTest;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@CommandLine.Command(name = "loadtest", description = "Sends real IMDB test reviews to a running server (loopback only) at "
        + "each concurrency level and prints one JSON line per level: requests/s, reviews/s, p50/p95/p99 latency, "
        + "errors. Bounded by --seconds and --max-requests. With --soak-seconds, one more level (at "
        + "--soak-concurrency) samples the server's resident memory.")
final class LoadTestCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final CliContext context;
    private List<LoadTest.Level> result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--url", paramLabel = "<url>", description = "the server (default: http://127.0.0.1:8080)")
    URI url = URI.create("http://127.0.0.1:8080");

    @Option(names = "--data", paramLabel = "<path>", description = "IMDB data whose test reviews are sent (default: cache)")
    Path data;

    @Option(names = "--concurrency", split = ",", paramLabel = "<n>", description = "clients at once, per level (default: 1,8,32)")
    List<Integer> concurrency = new ArrayList<>(List.of(1, 8, 32));

    @Option(names = "--seconds", paramLabel = "<s>", description = "duration of each level (default: 20)")
    int seconds = 20;

    @Option(names = "--max-requests", paramLabel = "<n>", description = "at most this many requests per level (default: 100000)")
    long maxRequests = 100_000;

    @Option(names = "--texts-per-request", paramLabel = "<n>", description = "reviews in each request (default: 1)")
    int textsPerRequest = 1;

    @Option(names = "--soak-seconds", paramLabel = "<s>", description = "then a soak, sampling the server's resident "
            + "memory every 10 s (default: 0: none)")
    int soakSeconds;

    @Option(names = "--soak-concurrency", paramLabel = "<n>", description = "clients at once during the soak (default: 8)")
    int soakConcurrency = 8;

    LoadTestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        if (seconds < 1 || seconds > 3600 || soakSeconds < 0 || soakSeconds > 7200 || maxRequests < 1 || textsPerRequest < 1
                || soakConcurrency < 1 || soakConcurrency > 1024
                || concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1 || c > 1024)) {
            throw new ConfigException("loadtest needs --seconds 1..3600, --soak-seconds 0..7200, --max-requests >= 1, "
                    + "--texts-per-request >= 1 and concurrency levels 1..1024");
        }
        try {
            LoadTest.checkLoopback(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        ImdbCorpus corpus = ImdbData.load(Optional.ofNullable(data), ExperimentConfig.defaults().cacheDir(), context.progress());
        List<String> texts = new ArrayList<>(corpus.test().stream().map(Review::text).toList());
        java.util.Collections.shuffle(texts, new java.util.Random(7));
        List<LoadTest.Level> levels = new ArrayList<>();
        for (int c : concurrency) {
            LoadTest.Level level = LoadTest.run(url, texts, c, textsPerRequest, Duration.ofSeconds(seconds), maxRequests,
                    Duration.ZERO);
            levels.add(level);
            context.out().println(JSON.writeValueAsString(level));
        }
        if (soakSeconds > 0) {
            LoadTest.Level soak = LoadTest.run(url, texts, soakConcurrency, textsPerRequest,
                    Duration.ofSeconds(soakSeconds), Long.MAX_VALUE, Duration.ofSeconds(10));
            levels.add(soak);
            context.out().println(JSON.writeValueAsString(soak));
        }
        result = levels;
        return Cli.OK;
    }

    @Override
    public List<LoadTest.Level> result() {
        return result;
    }
}
