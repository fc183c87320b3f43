package org.imdbsentiment.app.backend;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which GPUs a CUDA build can run its kernels on. A GPU of compute capability {@code X.Y} runs
 * machine code (SASS) compiled for {@code sm_XZ} with {@code Z <= Y} (same major version); without
 * PTX in the library nothing can be compiled for newer architectures at load time.
 *
 * @param release    the natives this describes
 * @param compiledFor the {@code sm_} architectures whose SASS the library holds, e.g. 86 for sm_86
 * @param hasPtx     whether the library also holds PTX (then newer GPUs could JIT-compile it)
 */
public record CudaSupport(String release, List<Integer> compiledFor, boolean hasPtx) {

    /**
     * nd4j-cuda-11.6:1.0.0-M2.1, plain and -cudnn natives alike, as listed from their
     * {@code libnd4jcuda.so} by scripts/cuda-archs.py (docs/gpu.md).
     */
    public static final CudaSupport ND4J_1_0_0_M2_1 = new CudaSupport("nd4j-cuda-11.6 1.0.0-M2.1",
            List.of(37, 50, 52, 60, 61, 70, 75, 80, 86), false);

    public CudaSupport {
        compiledFor = List.copyOf(compiledFor);
    }

    /** Whether a GPU of this capability finds kernels it can run. */
    public boolean runsOn(int major, int minor) {
        int sm = major * 10 + minor;
        boolean sass = compiledFor.stream().anyMatch(a -> a / 10 == major && a % 10 <= minor);
        return sass || (hasPtx && compiledFor.stream().anyMatch(a -> a <= sm));
    }

    /** The compiled capabilities, e.g. "3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6". */
    public String range() {
        return compiledFor.stream().map(a -> a / 10 + "." + a % 10).collect(Collectors.joining(", "));
    }

    /**
     * Nothing when every device can run this build; else the one line that says which cannot, what
     * this build supports, and what to do.
     */
    public Optional<String> refusal(List<CudaDevice> devices) {
        List<CudaDevice> unsupported = devices.stream().filter(d -> !runsOn(d.major(), d.minor())).toList();
        if (unsupported.isEmpty()) {
            return Optional.empty();
        }
        String which = unsupported.stream()
                .map(d -> "GPU " + d.index() + " " + d.name() + " (compute capability " + d.capability() + ")")
                .collect(Collectors.joining(", "));
        return Optional.of(which + (unsupported.size() == 1 ? " is" : " are") + " not supported by " + release
                + ", which holds GPU code for compute capabilities " + range() + " only (no PTX)"
                + (unsupported.size() < devices.size() ? ": hide it with CUDA_VISIBLE_DEVICES, or" : ":")
                + " run the CPU jar (./mvnw package, without -Pcuda) on this machine's cores instead; see docs/gpu.md");
    }
}
