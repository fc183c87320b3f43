package org.imdbsentiment.app.serving;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends real reviews to a running server, {@code concurrency} clients at a time, each sending its
 * next request when the last is answered, until a time or a request count runs out; measures
 * throughput and latency. Only loopback addresses are targets.
 */
public final class LoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadTest() {
    }

    /** One level's result, as printed (one JSON line). */
    public record Level(String endpoint, int concurrency, int textsPerRequest, long requests, double seconds,
                        double requestsPerS, double reviewsPerS, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                        long errors, Map<Integer, Long> statuses, List<Double> serverRssMb) {
    }

    /** Refuses any target that is not this machine's loopback. */
    public static URI checkLoopback(URI base) {
        try {
            if (base.getHost() == null || !InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("loadtest only targets loopback addresses (127.0.0.1, localhost, [::1]), not "
                        + base);
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + base);
        }
        return base;
    }

    /**
     * Runs one level.
     *
     * @param sampleMemoryEvery when positive, the server's resident memory is read from /metrics this often
     */
    public static Level run(URI base, List<String> texts, int concurrency, int textsPerRequest, Duration duration,
                            long maxRequests, Duration sampleMemoryEvery) throws InterruptedException {
        checkLoopback(base);
        URI endpoint = base.resolve("/v1/sentiment");
        ExecutorService io = Executors.newFixedThreadPool(Math.max(2, concurrency), r -> {
            Thread t = new Thread(r, "loadtest-http");
            t.setDaemon(true); // never keeps the JVM alive
            return t;
        });
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(io).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Double> rss = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            int offset = c;
            clients.submit(() -> {
                long i = offset;
                while (System.nanoTime() < end && sent.incrementAndGet() <= maxRequests) {
                    List<String> batch = new ArrayList<>(textsPerRequest);
                    for (int k = 0; k < textsPerRequest; k++) {
                        batch.add(texts.get((int) ((i * textsPerRequest + k) % texts.size())));
                    }
                    i += concurrency;
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        String body = JSON.writeValueAsString(textsPerRequest == 1 ? Map.of("text", batch.get(0))
                                : Map.of("texts", batch));
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies.add((System.nanoTime() - t0) / 1e6);
                    statuses.merge(status, 1L, Long::sum);
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        if (sampleMemoryEvery.toMillis() > 0) {
            while (!clients.awaitTermination(sampleMemoryEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                rss.add(serverRssMb(client, base));
            }
            rss.add(serverRssMb(client, base));
        } else {
            clients.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdownNow();
        io.shutdownNow();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long requests = sorted.size();
        return new Level(endpoint.toString(), concurrency, textsPerRequest, requests, round(seconds), round(requests / seconds),
                round((requests - errors.get()) * textsPerRequest / seconds), quantile(sorted, 0.50), quantile(sorted, 0.95),
                quantile(sorted, 0.99), sorted.isEmpty() ? 0 : round(sorted.get(sorted.size() - 1)), errors.get(),
                new TreeMap<>(statuses), rss.isEmpty() ? null : List.copyOf(rss));
    }

    private static double serverRssMb(HttpClient client, URI base) {
        try {
            String metrics = client.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("process_resident_memory_bytes ")) {
                    return round(Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()) / (1 << 20));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return round(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
