package org.imdbsentiment.app.serving;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.pipeline.Explanation;
import org.imdbsentiment.model.pipeline.Prediction;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Scores the texts of concurrent requests together: requests wait in a queue bounded by the number
 * of texts it holds, and one worker thread takes as many as fit in a model batch (waiting at most a
 * few milliseconds for more), scores them through the model's {@link SentimentPipeline} in one pass,
 * and hands each request back its own predictions. A full queue refuses a request at once
 * ({@link Overloaded}) instead of growing. With several workers (one per core, as DL4J's
 * {@code ParallelInference} keeps one model replica per worker), each takes its own batches from the
 * shared queue and scores them with its own copy of the graph; a graph is used by its worker alone.
 *
 * <p>DL4J's {@code ParallelInference} batches fixed-shape inputs; here every batch is built from
 * texts of different lengths with masks, which the pipeline does, so the queue is this project's own.
 */
final class BatchingPredictor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchingPredictor.class);

    /** The queue holds too many texts: the client should retry later. */
    static final class Overloaded extends RuntimeException {
        Overloaded(String message) {
            super(message);
        }
    }

    /** One request's texts and what it gets back: predictions, and explanations when asked. */
    record Result(List<Prediction> predictions, List<Explanation> explanations) {
    }

    private record Job(List<String> texts, boolean explain, CompletableFuture<Result> result) {
    }

    private final SentimentPipeline pipeline;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final int capacity;
    private final IntConsumer batchSizes;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedTexts = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param maxBatch   most texts scored in one pass
     * @param maxWaitMs  how long the worker waits for more requests to fill a batch
     * @param capacity   most texts waiting at once
     * @param batchSizes told the size of every pass (for metrics)
     * @param workers    worker threads; the first uses {@code graph}, each other a copy of it
     */
    BatchingPredictor(ComputationGraph graph, SentimentPipeline pipeline, int maxBatch, int maxWaitMs, int capacity,
                      IntConsumer batchSizes, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        this.pipeline = pipeline;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        this.capacity = capacity;
        this.batchSizes = batchSizes;
        for (int i = 0; i < workers; i++) {
            ComputationGraph own = i == 0 ? graph : graph.clone();
            Thread worker = new Thread(() -> work(own), "sentiment-batcher-" + i);
            worker.setDaemon(true);
            this.workers.add(worker);
        }
        this.workers.forEach(Thread::start);
    }

    /** Worker threads, each with its own graph. */
    int workers() {
        return workers.size();
    }

    /** Queues the texts; the future completes with their predictions in order. */
    CompletableFuture<Result> submit(List<String> texts, boolean explain) {
        int n = texts.size();
        int after = queuedTexts.addAndGet(n);
        if (after > capacity && after != n) { // one request alone is always taken, whatever its size
            queuedTexts.addAndGet(-n);
            throw new Overloaded("the server is busy (" + (after - n) + " texts waiting): retry shortly");
        }
        CompletableFuture<Result> f = new CompletableFuture<>();
        queue.add(new Job(List.copyOf(texts), explain, f));
        return f;
    }

    /** Texts waiting to be scored. */
    int queuedTexts() {
        return queuedTexts.get();
    }

    private void work(ComputationGraph graph) {
        while (running) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Job> jobs = new ArrayList<>(List.of(first));
                int texts = first.texts().size();
                long deadline = System.nanoTime() + maxWaitNanos;
                while (texts < maxBatch) {
                    Job next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    jobs.add(next);
                    texts += next.texts().size();
                }
                run(graph, jobs, texts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(ComputationGraph graph, List<Job> jobs, int texts) {
        queuedTexts.addAndGet(-texts);
        try {
            List<String> all = new ArrayList<>(texts);
            jobs.forEach(j -> all.addAll(j.texts()));
            List<Prediction> predictions = pipeline.predict(graph, all);
            batchSizes.accept(all.size());
            int from = 0;
            for (Job j : jobs) {
                List<Prediction> own = predictions.subList(from, from + j.texts().size());
                from += j.texts().size();
                List<Explanation> explanations = j.explain() ? pipeline.explain(graph, j.texts()) : null;
                j.result().complete(new Result(List.copyOf(own), explanations));
            }
        } catch (RuntimeException | Error e) {
            log.error("scoring a batch of {} texts failed", texts, e);
            jobs.forEach(j -> j.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        Job j;
        while ((j = queue.poll()) != null) {
            j.result().completeExceptionally(new Overloaded("the server is shutting down"));
        }
    }
}
