package org.imdbsentiment.app.runs;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a run happens on, for its provenance.
 *
 * @param cores     available processors
 * @param memoryGib physical memory, rounded
 * @param cpu       the CPU's model name
 * @param os        name, version and architecture
 * @param java      the JVM and its version
 */
public record Machine(int cores, long memoryGib, String cpu, String os, String java) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                Math.round(physicalMemoryBytes() / (double) (1L << 30)), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    /** One line: "AMD EPYC, 2 cores, 24 GiB, Linux ... amd64, OpenJDK ... 17.0.15". */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d cores, %d GiB, %s, %s", cpu, cores, memoryGib, os, java);
    }

    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
