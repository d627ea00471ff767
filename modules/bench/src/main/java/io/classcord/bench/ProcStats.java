package io.classcord.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory and CPU time, read from /proc (Linux). */
record ProcStats(long rssKiB, long peakRssKiB, double cpuSeconds) {

    /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux architecture Debian ships. */
    private static final double TICKS_PER_SECOND = 100.0;

    static ProcStats of(long pid) throws IOException {
        long rss = 0;
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kib(line);
            }
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name may contain spaces and parentheses: fields are counted after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new ProcStats(rss, peak, ticks / TICKS_PER_SECOND);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
