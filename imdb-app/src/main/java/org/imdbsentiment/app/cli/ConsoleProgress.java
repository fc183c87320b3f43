package org.imdbsentiment.app.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.imdbsentiment.data.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Shows progress as a live bar with rate and ETA (the progressbar library) when standard output is a
 * terminal, and as a plain log line every 30 seconds otherwise (CI logs, files, pipes).
 */
public final class ConsoleProgress implements Progress.Factory {
    private static final Logger log = LoggerFactory.getLogger(ConsoleProgress.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private final boolean terminal;

    private ConsoleProgress(boolean terminal) {
        this.terminal = terminal;
    }

    /** A bar on a terminal, log lines elsewhere. */
    public static ConsoleProgress forThisProcess() {
        return new ConsoleProgress(System.console() != null);
    }

    /** Log lines only. */
    static ConsoleProgress lines() {
        return new ConsoleProgress(false);
    }

    @Override
    public Progress start(String task, long total, String unit) {
        return terminal ? bar(task, total, unit) : new Lines(task, total, unit);
    }

    private static Progress bar(String task, long total, String unit) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, -1))
                .setUnit(" " + unit, 1).setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(500)
                .build();
        return new Progress() {
            @Override
            public void advance(long amount) {
                bar.stepBy(amount);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** A log line with count, rate and ETA every 30 seconds. */
    private static final class Lines implements Progress {
        private final String task;
        private final long total;
        private final String unit;
        private final long start = System.nanoTime();
        private long lastLine = start;
        private long done;

        Lines(String task, long total, String unit) {
            this.task = task;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public void advance(long amount) {
            done += amount;
            long now = System.nanoTime();
            if (now - lastLine >= LOG_EVERY_NANOS) {
                lastLine = now;
                double seconds = (now - start) / 1e9;
                double rate = done / seconds;
                String eta = total > 0 && rate > 0 ? ", ETA " + Math.round((total - done) / rate) + " s" : "";
                log.info("  {}: {}{} {}, {} {}/s{}", task, done, total > 0 ? "/" + total : "", unit,
                        String.format("%.2f", rate), unit, eta);
            }
        }

        @Override
        public void close() {
            // the caller logs the step's result
        }
    }
}
