package org.lvs.commons.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkedDeleteTest {

    @Test
    void deletesChunkAfterChunkUntilOneComesBackShort() {
        Deque<Long> chunks = new ArrayDeque<>(List.of(100L, 100L, 37L, 100L));
        assertEquals(237, ChunkedDelete.untilShort(100, chunks::pop));
        assertEquals(List.of(100L), List.copyOf(chunks), "no chunk after the short one");
    }

    @Test
    void aFullLastChunkCostsOneMoreEmptyRound() {
        Deque<Long> chunks = new ArrayDeque<>(List.of(100L, 0L));
        assertEquals(100, ChunkedDelete.untilShort(100, chunks::pop));
        assertEquals(0, chunks.size());
    }

    @Test
    void nothingToDeleteIsOneRound() {
        Deque<Long> chunks = new ArrayDeque<>(List.of(0L, 5L));
        assertEquals(0, ChunkedDelete.untilShort(10, chunks::pop));
        assertEquals(1, chunks.size());
    }

    @Test
    void aChunkOfNoRowsWouldNeverEndAndIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChunkedDelete.untilShort(0, () -> 0));
    }
}
