package org.imdbsentiment.app.backend;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPU check's logic, without a GPU: which capabilities this release runs on, and the refusal. */
class CudaSupportTest {
    private final CudaSupport m21 = CudaSupport.ND4J_1_0_0_M2_1;

    @Test
    void runsWhereItsMachineCodeFitsByMajorVersion() {
        assertTrue(m21.runsOn(8, 6), "Ampere GA10x (sm_86)");
        assertTrue(m21.runsOn(8, 0), "A100");
        assertTrue(m21.runsOn(8, 9), "Ada runs the sm_86 code");
        assertTrue(m21.runsOn(7, 5), "Turing");
        assertTrue(m21.runsOn(3, 7), "K80");
        assertFalse(m21.runsOn(9, 0), "Hopper: no sm_9x code and no PTX");
        assertFalse(m21.runsOn(10, 0), "Blackwell");
        assertFalse(m21.runsOn(12, 0), "Blackwell consumer");
        assertFalse(m21.runsOn(3, 5), "Kepler GK110: sm_37 code needs 3.7");
    }

    @Test
    void withPtxANewerGpuCouldCompileIt() {
        CudaSupport ptx = new CudaSupport("a build with PTX", List.of(80), true);
        assertTrue(ptx.runsOn(9, 0));
        assertFalse(new CudaSupport("SASS only", List.of(80), false).runsOn(9, 0));
    }

    @Test
    void anH200IsRefusedInOneLineThatSaysWhatToDo() {
        List<CudaDevice> devices = CudaDevice.parseNvidiaSmi("0, NVIDIA H200, 9.0\n");
        Optional<String> refusal = m21.refusal(devices);
        assertEquals("GPU 0 NVIDIA H200 (compute capability 9.0) is not supported by nd4j-cuda-11.6 1.0.0-M2.1, which "
                + "holds GPU code for compute capabilities 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6 only (no PTX): "
                + "run the CPU jar (./mvnw package, without -Pcuda) on this machine's cores instead; see docs/gpu.md",
                refusal.orElseThrow());
        assertFalse(refusal.get().contains("\n"));
    }

    @Test
    void aMixedBoxNamesTheUnsupportedGpusAndCudaVisibleDevicesCanHideThem() {
        List<CudaDevice> all = CudaDevice.parseNvidiaSmi("0, NVIDIA A100-SXM4-80GB, 8.0\n1, NVIDIA H100 80GB HBM3, 9.0\n");
        assertTrue(m21.refusal(all).orElseThrow().startsWith("GPU 1 NVIDIA H100 80GB HBM3 (compute capability 9.0) is not"));
        assertTrue(m21.refusal(all).orElseThrow().contains("hide it with CUDA_VISIBLE_DEVICES"));
        assertEquals(Optional.empty(), m21.refusal(CudaDevice.visible(all, "0")));
        assertEquals(List.of(all.get(1)), CudaDevice.visible(all, "1"));
        assertEquals(all, CudaDevice.visible(all, ""));
        assertEquals(all, CudaDevice.visible(all, "GPU-8a1c2d"), "UUIDs: the check keeps every device");
        assertEquals(List.of(), CudaDevice.visible(all, "-1"));
        assertEquals(Optional.empty(), m21.refusal(List.of()));
    }

    @Test
    void readsNamesWithCommasAndRefusesUnreadableLines() {
        assertEquals(List.of(new CudaDevice(3, "NVIDIA RTX 6000 Ada, Generation", 8, 9)),
                CudaDevice.parseNvidiaSmi("3, NVIDIA RTX 6000 Ada, Generation, 8.9\r\n\n"));
        assertThrows(IllegalArgumentException.class, () -> CudaDevice.parseNvidiaSmi("0, Tesla K80, [N/A]"));
        assertThrows(IllegalArgumentException.class, () -> CudaDevice.parseNvidiaSmi("no gpu"));
    }

    @Test
    void theCpuBuildHasNoCudaBackendSoNothingIsChecked() {
        assertFalse(GpuCheck.cudaBuild());
        assertEquals(Optional.empty(), GpuCheck.refusal());
    }
}
