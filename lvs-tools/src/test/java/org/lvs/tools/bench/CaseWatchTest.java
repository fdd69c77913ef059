package org.lvs.tools.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;

class CaseWatchTest {

    @Test
    void aCaseOpenedEnvelopeAsTheContractWritesItIsSeen() {
        String opened = EventJson.write(new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.CASE_OPENED,
                Instant.parse("2026-11-29T10:00:00Z"),
                1,
                JsonNodeFactory.instance.objectNode().put("type", "not this one")));

        assertTrue(CaseWatch.isCaseOpened(opened));
    }

    @Test
    void onlyTheEnvelopesOwnTypeCountsWhereverItStands() {
        assertTrue(CaseWatch.isCaseOpened(
                "{\"payload\":{\"type\":\"ContactRecorded\",\"a\":[1,{}]},\"type\":\"CaseOpened\"}"));
        assertFalse(CaseWatch.isCaseOpened("{\"payload\":{\"type\":\"CaseOpened\"},\"type\":\"ContactRecorded\"}"));
        assertFalse(CaseWatch.isCaseOpened("{\"payload\":{\"type\":\"CaseOpened\"}}"));
        assertFalse(CaseWatch.isCaseOpened("{\"type\":[\"CaseOpened\"]}"));
        assertFalse(CaseWatch.isCaseOpened("not json"));
        assertFalse(CaseWatch.isCaseOpened("[\"CaseOpened\"]"));
    }
}
