package org.lvs.commons.jdbc;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.LongSupplier;

/**
 * Deletes a large set of rows as retention jobs must: a chunk at a time, each chunk in a short transaction of its own,
 * so a job never holds locks or a snapshot for long, and what it deleted stays deleted if it stops half-way. It goes
 * on until a chunk comes back short, which means nothing was left when that chunk ran.
 */
public final class ChunkedDelete {

    /** Deletes at most {@code limit} rows and answers how many it deleted. */
    @FunctionalInterface
    public interface Chunk {
        long delete(int limit);
    }

    private ChunkedDelete() {}

    /** Runs {@code chunk} in a new transaction each time until it deletes fewer than {@code size}; the total deleted. */
    public static long inShortTransactions(int size, Chunk chunk) {
        return untilShort(size, () -> QuarkusTransaction.requiringNew().call(() -> chunk.delete(size)));
    }

    static long untilShort(int size, LongSupplier chunk) {
        if (size < 1) {
            throw new IllegalArgumentException("a chunk must allow at least one row, not " + size);
        }
        long total = 0;
        long deleted;
        do {
            deleted = chunk.getAsLong();
            total += deleted;
        } while (deleted >= size);
        return total;
    }
}
