package org.lvs.e2e.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a chaos run did and when, relative to its start: printed, kept, and written to {@code events.log}. */
final class ChaosLog {

    private final Instant start = Instant.now();
    private final Path file;
    private final List<String> lines = new ArrayList<>();

    ChaosLog(Path file) {
        this.file = file;
    }

    synchronized void note(String event) {
        Duration since = Duration.between(start, Instant.now());
        String line = String.format("+%7.1fs %s", since.toMillis() / 1000.0, event);
        lines.add(line);
        System.out.println("[chaos] " + line);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Duration elapsed() {
        return Duration.between(start, Instant.now());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
