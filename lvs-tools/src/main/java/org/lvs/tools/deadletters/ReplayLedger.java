package org.lvs.tools.deadletters;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * What was replayed from one dead-letter partition, kept as the committed offset of the consumer group
 * {@value DeadLetterTool#REPLAYER_GROUP}: every letter below {@code committed} was replayed, and so were the letters
 * at or above it listed in the commit's metadata (chosen with {@code --offsets}). Kept in Kafka beside the letters,
 * so any operator's replay sees the others'.
 */
record ReplayLedger(long committed, Set<Long> beyond) {

    private static final String PREFIX = "replayed:";

    ReplayLedger {
        beyond = Set.copyOf(beyond);
    }

    static ReplayLedger of(OffsetAndMetadata commit) {
        if (commit == null) {
            return new ReplayLedger(0, Set.of());
        }
        Set<Long> beyond = new TreeSet<>();
        String metadata = commit.metadata();
        if (metadata != null && metadata.startsWith(PREFIX) && metadata.length() > PREFIX.length()) {
            for (String offset : metadata.substring(PREFIX.length()).split(",")) {
                beyond.add(Long.parseLong(offset));
            }
        }
        return new ReplayLedger(commit.offset(), beyond);
    }

    boolean replayed(long offset) {
        return offset < committed || beyond.contains(offset);
    }

    /** The ledger once {@code offsets} were replayed too: the committed offset moves over every run without a gap. */
    ReplayLedger with(Set<Long> offsets) {
        TreeSet<Long> all = new TreeSet<>(beyond);
        all.addAll(offsets);
        long next = committed;
        while (all.remove(next)) {
            next++;
        }
        long from = next;
        all.removeIf(o -> o < from);
        return new ReplayLedger(next, all);
    }

    /** Everything below {@code end} replayed. */
    ReplayLedger upTo(long end) {
        long next = Math.max(committed, end);
        TreeSet<Long> rest = new TreeSet<>(beyond);
        rest.removeIf(o -> o < next);
        return new ReplayLedger(next, rest);
    }

    OffsetAndMetadata toCommit() {
        String metadata = beyond.isEmpty()
                ? ""
                : PREFIX + new TreeSet<>(beyond).stream().map(String::valueOf).collect(Collectors.joining(","));
        return new OffsetAndMetadata(committed, metadata);
    }
}
