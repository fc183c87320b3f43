package org.imdbsentiment.app.training;

import org.imdbsentiment.model.lstm.LstmThreads;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets how many CPU threads ND4J uses, before the first operation. Measured on 2 cores: one thread
 * is fastest, and ND4J's default (one per core) collapses 30-45x when another process is busy.
 */
public final class ComputeThreads {
    private ComputeThreads() {
    }

    /** {@code threads} for ND4J's operations and for OpenBLAS. */
    public static void apply(int threads) {
        apply(threads, threads);
    }

    /**
     * For training: {@code threads} for ND4J's operations, and for OpenBLAS as many, or one when the
     * fast LSTM computes on several threads of its own ({@code lstmThreads}, 0: one per core). That
     * layer calls OpenBLAS from each of its threads, and OpenBLAS threads inside them would compete
     * for the same cores (measured: {@code --threads 2} trained v1 at 0.62-0.73x of {@code --threads 1}; with one OpenBLAS
     * thread, 0.99-1.07x).
     */
    public static void forTraining(int threads, int lstmThreads) {
        apply(threads, blasThreads(threads, lstmThreads));
    }

    /** OpenBLAS's threads for training with {@code threads} ND4J threads and {@code lstmThreads} (0: one per core). */
    static int blasThreads(int threads, int lstmThreads) {
        return LstmThreads.resolve(lstmThreads) > 1 ? 1 : threads;
    }

    private static void apply(int threads, int blasThreads) {
        // Loading the backend (getEnvironment) must come first: NativeOpsHolder reads its configuration.
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }
}
