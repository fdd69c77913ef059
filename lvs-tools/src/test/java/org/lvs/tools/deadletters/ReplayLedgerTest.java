package org.lvs.tools.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class ReplayLedgerTest {

    @Test
    void nothingIsReplayedBeforeTheFirstCommit() {
        ReplayLedger none = ReplayLedger.of(null);
        assertFalse(none.replayed(0));
        assertEquals(new OffsetAndMetadata(0, ""), none.toCommit());
    }

    @Test
    void lettersChosenOneByOneAreRememberedAndTheCommitMovesOverEveryRunWithoutAGap() {
        ReplayLedger ledger = ReplayLedger.of(null).with(Set.of(3L, 1L));
        assertEquals(new OffsetAndMetadata(0, "replayed:1,3"), ledger.toCommit());
        assertTrue(ledger.replayed(1));
        assertTrue(ledger.replayed(3));
        assertFalse(ledger.replayed(0));
        assertFalse(ledger.replayed(2));

        ReplayLedger reread = ReplayLedger.of(ledger.toCommit());
        assertEquals(ledger, reread);

        ReplayLedger filled = reread.with(Set.of(0L, 2L));
        assertEquals(new OffsetAndMetadata(4, ""), filled.toCommit());
    }

    @Test
    void replayingUpToTheEndKeepsOnlyWhatLiesBeyondIt() {
        ReplayLedger ledger = ReplayLedger.of(new OffsetAndMetadata(2, "replayed:5,9"));
        assertEquals(new OffsetAndMetadata(7, "replayed:9"), ledger.upTo(7).toCommit());
        assertEquals(new OffsetAndMetadata(2, "replayed:5,9"), ledger.upTo(1).toCommit());
    }
}
