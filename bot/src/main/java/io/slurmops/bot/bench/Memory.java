package io.slurmops.bot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident set size and thread count, from /proc (Linux). */
final class Memory {

    private Memory() {
    }

    /** VmRSS in MiB, or -1 where /proc is not readable. */
    static double rssMiB() {
        return procStatus("VmRSS:") / 1024.0;
    }

    static long threads() {
        return procStatus("Threads:");
    }

    /** Heap in use after a full collection request, MiB (a hint: the JVM may ignore it). */
    static double heapAfterGcMiB() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    private static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
