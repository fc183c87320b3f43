package org.imdbsentiment.app.training;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets how many CPU threads ND4J uses, before the first operation. Measured on 2 cores: one thread
 * is fastest, and ND4J's default (one per core) collapses 30-45x when another process is busy.
 */
public final class ComputeThreads {
    private ComputeThreads() {
    }

    public static void apply(int threads) {
        // Loading the backend (getEnvironment) must come first: NativeOpsHolder reads its configuration.
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
