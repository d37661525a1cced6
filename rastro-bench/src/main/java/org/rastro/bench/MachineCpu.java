package org.rastro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU time all the machine's cores have spent busy, from Linux's {@code /proc/stat}: to report a rate per core
 * actually used (this process, PostgreSQL and anything else), not per wall-clock second.
 */
final class MachineCpu {

    /** Linux's clock ticks a second for {@code /proc/stat} (USER_HZ, 100 on every architecture it supports). */
    private static final double TICKS = 100.0;

    private MachineCpu() {}

    /** Seconds of busy CPU so far, all cores summed; 0 where {@code /proc/stat} cannot be read. */
    static double busySeconds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait.
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
