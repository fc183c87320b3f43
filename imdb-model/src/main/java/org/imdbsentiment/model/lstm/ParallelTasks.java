package org.imdbsentiment.model.lstm;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Runs a few tasks at the same time: all but the first are handed to a pool (the JVM's common
 * {@link ForkJoinPool} unless told otherwise), the first runs on the calling thread, and then any
 * handed task no pool thread has started yet runs on the calling thread too, so a busy pool only
 * serialises them. Returns when all are done; the first failure is rethrown.
 */
final class ParallelTasks {
    private Executor pool = ForkJoinPool.commonPool();

    /** Where tasks are handed (tests: to see them handed, or never taken). */
    void setExecutor(Executor executor) {
        this.pool = executor;
    }

    void runAll(List<Runnable> tasks) {
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        @SuppressWarnings("unchecked")
        FutureTask<Void>[] handed = new FutureTask[tasks.size() - 1];
        for (int i = 1; i < tasks.size(); i++) {
            handed[i - 1] = new FutureTask<>(tasks.get(i), null);
            pool.execute(handed[i - 1]);
        }
        RuntimeException failure = null;
        try {
            tasks.get(0).run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (FutureTask<Void> task : handed) {
            task.run(); // computes it here if no pool thread has started it; else returns at once
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a task computed", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
