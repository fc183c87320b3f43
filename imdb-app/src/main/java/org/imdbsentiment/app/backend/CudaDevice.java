package org.imdbsentiment.app.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A GPU as {@code nvidia-smi} names it: its index, name and compute capability ({@code major.minor}).
 */
public record CudaDevice(int index, String name, int major, int minor) {

    public String capability() {
        return major + "." + minor;
    }

    /**
     * The devices in the output of {@code nvidia-smi --query-gpu=index,name,compute_cap
     * --format=csv,noheader} ("0, NVIDIA H200, 9.0" per line). A line that does not read so is an
     * {@link IllegalArgumentException} naming it.
     */
    public static List<CudaDevice> parseNvidiaSmi(String output) {
        List<CudaDevice> devices = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int first = line.indexOf(',');
            int last = line.lastIndexOf(',');
            try {
                if (first < 0 || last == first) {
                    throw new NumberFormatException();
                }
                String[] capability = line.substring(last + 1).trim().split("\\.");
                if (capability.length != 2) {
                    throw new NumberFormatException();
                }
                devices.add(new CudaDevice(Integer.parseInt(line.substring(0, first).trim()),
                        line.substring(first + 1, last).trim(),
                        Integer.parseInt(capability[0]), Integer.parseInt(capability[1])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "cannot read nvidia-smi's line '%s' (expected: index, name, compute capability)", line.strip()));
            }
        }
        return devices;
    }

    /**
     * The devices CUDA will show this process: those {@code CUDA_VISIBLE_DEVICES} names by index
     * (all when it is unset or empty; none when it is "-1"). Names given as UUIDs keep every device,
     * as the check cannot map them.
     */
    public static List<CudaDevice> visible(List<CudaDevice> all, String cudaVisibleDevices) {
        if (cudaVisibleDevices == null || cudaVisibleDevices.isBlank()) {
            return all;
        }
        List<CudaDevice> shown = new ArrayList<>();
        for (String part : cudaVisibleDevices.split(",")) {
            int index;
            try {
                index = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                return all;
            }
            if (index < 0) {
                break; // CUDA stops at the first invalid index
            }
            all.stream().filter(d -> d.index() == index).findFirst().ifPresent(shown::add);
        }
        return shown;
    }
}
