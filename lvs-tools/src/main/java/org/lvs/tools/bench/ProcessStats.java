package org.lvs.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process and all its descendants (the embedded PostgreSQL's server processes are
 * children of its launcher), read from Linux's /proc: the bench runs the stack on this machine.
 */
record ProcessStats(long cpuMillis, long residentKib) {

    /** Linux's clock ticks per second for /proc/PID/stat; 100 on every kernel this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    static ProcessStats of(long pid) {
        Map<Long, List<Long>> children = children();
        long ticks = 0;
        long rss = 0;
        List<Long> pending = new ArrayList<>(List.of(pid));
        while (!pending.isEmpty()) {
            long p = pending.remove(pending.size() - 1);
            String[] stat = stat(p);
            if (stat == null) {
                continue;
            }
            ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime
            rss += residentKib(p);
            pending.addAll(children.getOrDefault(p, List.of()));
        }
        return new ProcessStats(ticks * 1000 / TICKS_PER_SECOND, rss);
    }

    /** The fields after the command name (which may hold spaces and is closed by the last ')'), or null. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null; // gone meanwhile
        }
    }

    private static long residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile
        }
        return 0;
    }

    private static Map<Long, List<Long>> children() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        String[] stat = stat(Long.parseLong(name));
                        if (stat != null) {
                            children.computeIfAbsent(Long.parseLong(stat[1]), k -> new ArrayList<>())
                                    .add(Long.parseLong(name));
                        }
                    });
        } catch (IOException e) {
            // no /proc: only the process itself is measured
        }
        return children;
    }
}
