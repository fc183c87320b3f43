package org.imdbsentiment.app.training;

import com.sun.management.OperatingSystemMXBean;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.Architecture;
import org.imdbsentiment.model.config.Settings;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Refuses, before any data is read or any directory made, a configuration whose training step
 * cannot fit in memory: a minibatch's activations grow with batch-size x max-length, and ND4J
 * allocates them off the Java heap, where -Xmx does not limit them (a batch of 100,000 reviews once
 * grew a process to 22 GB until the kernel killed it). The estimate is an upper bound of what the
 * LSTM keeps per step for the backward pass, the gradients and Adam's state; the budget is
 * {@value #SHARE_PERCENT}% of the machine's memory less the Java heap's maximum.
 */
public final class MemoryGuard {
    /** Share of physical memory a run may use in all (heap and off-heap). */
    public static final int SHARE_PERCENT = 75;
    private static final long FLOAT = 4;

    private MemoryGuard() {
    }

    /** Bytes one training step of this configuration may need at most. */
    public static long stepBytes(ExperimentConfig config) {
        long b = config.get(Settings.BATCH_SIZE);
        long t = config.get(Settings.MAX_LENGTH);
        long e = config.get(Settings.EMBEDDING_SIZE);
        long h = config.get(Settings.HIDDEN_SIZE);
        long v = config.get(Settings.VOCAB_SIZE) + 2L;
        Architecture architecture = config.get(Settings.ARCHITECTURE);
        long directions = architecture == Architecture.LAST_STEP ? 1 : architecture.recurrent() ? 2 : 0;
        // Per time step and review: gate pre-activations and activations, cell and hidden states kept
        // for the backward pass (about 11 H), their gradients (about 5 H), the embedding output,
        // its gradient and the input (3 E); the n-gram branch's looked-up vectors (2 N).
        long n = architecture.ngrams() ? config.get(Settings.NGRAM_SIZE) : 0;
        long activations = b * t * (directions * 16 * h + (directions > 0 ? 3 * e : 1) + 2 * n) * FLOAT;
        // Parameters, gradients and Adam's two moments.
        long recurrent = directions > 0 ? v * e + directions * 4 * h * (e + h + 1) : 0;
        long ngrams = n * (v + config.get(Settings.NGRAM_BUCKETS));
        long output = (architecture == Architecture.LAST_STEP ? h : directions * 2 * h) + n + 1;
        long parameters = (recurrent + ngrams + output) * FLOAT * 4;
        return activations + parameters;
    }

    /** Bytes a run may use off the Java heap: the share of physical memory less the heap's maximum. */
    public static long budgetBytes() {
        long physical = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return physical * SHARE_PERCENT / 100 - Runtime.getRuntime().maxMemory();
    }

    /** A {@link ConfigException} (usage error) when a step cannot fit in {@code budget} bytes. */
    public static void check(ExperimentConfig config, long budget) {
        long need = stepBytes(config);
        if (need > budget) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "a training step with batch-size %d and max-length %d needs up to %.1f GiB of memory, more than "
                            + "the %.1f GiB this run may use (%d%% of the machine's memory less the Java heap): "
                            + "lower batch-size or max-length", config.get(Settings.BATCH_SIZE),
                    config.get(Settings.MAX_LENGTH), need / GIB, Math.max(0, budget) / GIB, SHARE_PERCENT));
        }
    }

    private static final double GIB = 1L << 30;

    /**
     * The limits JavaCPP applies to native memory it tracks ({@code org.bytedeco.javacpp.maxbytes} and
     * {@code maxphysicalbytes}), set from the same share of physical memory unless given on the
     * command line; must run before JavaCPP loads.
     */
    public static void limitNativeMemory() {
        long physical = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        long share = physical * SHARE_PERCENT / 100;
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", Long.toString(share));
        }
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxbytes",
                    Long.toString(Math.max(1L << 30, share - Runtime.getRuntime().maxMemory())));
        }
    }
}
