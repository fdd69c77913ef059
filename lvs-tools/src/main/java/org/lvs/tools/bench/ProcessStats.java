package org.lvs.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from Linux's /proc (the bench runs the stack on this machine). */
record ProcessStats(long cpuMillis, long residentKib) {

    /** Linux's clock ticks per second for /proc/PID/stat; 100 on every kernel this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    static ProcessStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which may hold spaces and is closed by the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new ProcessStats(ticks * 1000 / TICKS_PER_SECOND, rss);
        } catch (IOException | RuntimeException e) {
            return new ProcessStats(-1, -1);
        }
    }
}
