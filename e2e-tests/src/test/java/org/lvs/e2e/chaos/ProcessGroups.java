package org.lvs.e2e.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Signals to a whole process group ({@code kill -STOP -- -PGID}), refusing the test JVM's own group. */
final class ProcessGroups {

    private ProcessGroups() {}

    /** The process group of a live process, from {@code /proc/PID/stat}. */
    static long groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the process group of " + pid + ": " + e, e);
        }
    }

    static void stop(long group) {
        signal("-STOP", group);
    }

    static void resume(long group) {
        signal("-CONT", group);
    }

    private static void signal(String signal, long group) {
        long own = groupOf(ProcessHandle.current().pid());
        if (group <= 1 || group == own) {
            throw new IllegalStateException(
                    "refusing to signal process group " + group + " (the test's own is " + own + ")");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, "--", "-" + group)
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " -" + group + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
