package org.imdbsentiment.app.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The start-up check of a CUDA build, run before ND4J loads: lists the GPUs with {@code nvidia-smi}
 * and refuses, in one line, those the build has no kernels for (an H100/H200 with this release).
 * On the CPU build (no CUDA backend on the class path) it does nothing. When {@code nvidia-smi}
 * is missing or fails, it says nothing and ND4J reports what it finds itself.
 */
public final class GpuCheck {
    /** ND4J's CUDA backend class: on the class path only in the {@code -Pcuda} build. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private GpuCheck() {
    }

    /** The refusal for this machine and build, if any. */
    public static Optional<String> refusal() {
        if (!cudaBuild()) {
            return Optional.empty();
        }
        return nvidiaSmi().flatMap(out -> {
            List<CudaDevice> devices;
            try {
                devices = CudaDevice.visible(CudaDevice.parseNvidiaSmi(out), System.getenv("CUDA_VISIBLE_DEVICES"));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // an nvidia-smi this check cannot read: ND4J reports what it finds
            }
            return CudaSupport.ND4J_1_0_0_M2_1.refusal(devices);
        });
    }

    static boolean cudaBuild() {
        return GpuCheck.class.getClassLoader().getResource(CUDA_BACKEND.replace('.', '/') + ".class") != null;
    }

    private static Optional<String> nvidiaSmi() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,compute_cap", "--format=csv,noheader")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
