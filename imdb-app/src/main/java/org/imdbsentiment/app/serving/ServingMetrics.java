package org.imdbsentiment.app.serving;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * The server's metrics in Prometheus' text format: requests by path and status, request latency,
 * texts per model pass, texts waiting, and the process's resident memory. One registry per server.
 */
final class ServingMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Histogram batchSizes;

    ServingMetrics(IntSupplier queuedTexts) {
        requests = Counter.builder().name("sentiment_requests_total").help("HTTP requests by path and status")
                .labelNames("path", "status").register(registry);
        latency = Histogram.builder().name("sentiment_request_duration_seconds").help("HTTP request latency")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .labelNames("path").register(registry);
        batchSizes = Histogram.builder().name("sentiment_batch_texts").help("texts scored in one model pass")
                .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
        GaugeWithCallback.builder().name("sentiment_queue_texts").help("texts waiting to be scored")
                .callback(cb -> cb.call(queuedTexts.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("process_resident_memory_bytes").help("resident memory of the server process")
                .callback(cb -> cb.call(residentBytes())).register(registry);
    }

    void request(String path, int status, double seconds) {
        requests.labelValues(path, Integer.toString(status)).inc();
        latency.labelValues(path).observe(seconds);
    }

    void batch(int texts) {
        batchSizes.observe(texts);
    }

    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** VmRSS of /proc/self/status in bytes; -1 where there is none (not Linux). */
    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
