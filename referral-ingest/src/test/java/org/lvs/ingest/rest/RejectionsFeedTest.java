package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * Issue 12, item 5: {@code GET /api/v1/feeds/{source}/rejections?after=&limit=} lists a source's rejected records with
 * their errors, in order, with a position that follows commit order: a client polling with the last position it saw
 * never misses one and never sees one twice, even while batches are rejected concurrently. PARTNER is used with
 * rejections only here.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class RejectionsFeedTest {

    static final String FEED = "/api/v1/feeds/PARTNER/rejections";

    static ObjectNode badRecord(String reference, long seq) {
        ObjectNode r = Referrals.valid("PARTNER", reference);
        r.remove("source");
        r.put("feedSequence", seq);
        r.remove("consent");
        return r;
    }

    static JsonPath page(String token, long after, int limit) {
        return given().header("Authorization", token)
                .queryParam("after", after)
                .queryParam("limit", limit)
                .get(FEED)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static long last() {
        return Referrals.count("SELECT coalesce(max(position), 0) FROM rejection WHERE source = 'PARTNER'");
    }

    @Test
    void rejectedRecordsAreListedInOrderWithOnlyTheirValidatedValues() {
        long start = last();
        String good = Referrals.newReference(), bad = Referrals.newReference();
        ObjectNode badRef = badRecord("not a valid reference!", 9001);
        ObjectNode batch = JsonNodeFactory.instance
                .objectNode()
                .put("batchId", "PARTNER-rej-1")
                .put("source", "PARTNER");
        ObjectNode goodRecord = Referrals.valid("PARTNER", good);
        goodRecord.remove("source");
        batch.putArray("referrals").add(goodRecord).add(badRecord(bad, 9000)).add(badRef);
        String token = TestTokens.referrerFor("PARTNER");
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(batch.toString())
                .post(BatchTest.PATH)
                .then()
                .statusCode(200)
                .body("rejected", equalTo(2));
        // A single referral's rejection, and a 409 (same version changed), are rejections too.
        ObjectNode single = badRecord(Referrals.newReference(), 9002);
        single.put("source", "PARTNER");
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(single.toString())
                .post("/api/v1/referrals")
                .then()
                .statusCode(400);

        JsonPath page = page(token, start, 10);
        assertEquals("PARTNER", page.getString("source"));
        assertEquals(List.of(1, 2, 0), page.getList("rejections.index"));
        assertEquals("PARTNER-rej-1", page.getString("rejections[0].batchId"));
        assertEquals(bad, page.getString("rejections[0].sourceReference"));
        assertEquals(9000L, page.getLong("rejections[0].feedSequence"));
        assertEquals(List.of("consent"), page.getList("rejections[0].errors.field"));
        assertEquals(null, page.getString("rejections[1].sourceReference"), "an invalid reference is not repeated");
        assertEquals(List.of("sourceReference", "consent"), page.getList("rejections[1].errors.field"));
        assertEquals(null, page.getString("rejections[2].batchId"));
        List<Long> positions = page.getList("rejections.position", Long.class);
        assertTrue(positions.get(0) < positions.get(1) && positions.get(1) < positions.get(2));
        assertEquals(positions.get(2), page.getLong("next"));
        assertTrue(page.getString("rejections[0].receivedAt").startsWith("20"));

        // Paging: after the first, one at a time, then nothing new.
        JsonPath second = page(token, positions.get(0), 1);
        assertEquals(List.of(positions.get(1)), second.getList("rejections.position", Long.class));
        assertEquals(positions.get(1), second.getLong("next"));
        JsonPath none = page(token, positions.get(2), 10);
        assertEquals(0, none.getList("rejections").size());
        assertEquals(positions.get(2), none.getLong("next"));
    }

    @Test
    void badParametersAre400NamingThem() {
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .queryParam("after", "x")
                .queryParam("limit", 5000)
                .get(FEED)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("after", "limit"));
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/api/v1/feeds/NOPE/rejections")
                .then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .queryParam("after", -1)
                .get(FEED)
                .then()
                .statusCode(400)
                .body("errors.field", contains("after"));
    }

    @Test
    void aPollerNeverMissesAndNeverRepeatsWhileBatchesAreRejectedConcurrently() throws Exception {
        int writers = 4;
        int batchesEach = 6;
        int perBatch = 5;
        long start = last();
        String token = TestTokens.referrerFor("PARTNER");
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> poller = pool.submit(() -> {
                long after = start;
                boolean lastRound = false;
                while (true) {
                    boolean done = !writing.get();
                    JsonPath page = page(token, after, 7);
                    seen.addAll(page.getList("rejections.position", Long.class));
                    after = page.getLong("next");
                    if (lastRound && page.getList("rejections").isEmpty()) {
                        return null;
                    }
                    lastRound = done;
                }
            });
            List<Future<?>> posts = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                posts.add(pool.submit(() -> {
                    for (int b = 0; b < batchesEach; b++) {
                        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("source", "PARTNER");
                        var list = batch.putArray("referrals");
                        for (int i = 0; i < perBatch; i++) {
                            list.add(badRecord(Referrals.newReference(), 100_000 + writer * 1000 + b * 10 + i));
                        }
                        given().header("Authorization", token)
                                .contentType(ContentType.JSON)
                                .body(batch.toString())
                                .post(BatchTest.PATH)
                                .then()
                                .statusCode(200)
                                .body("rejected", equalTo(perBatch));
                    }
                    return null;
                }));
            }
            for (Future<?> post : posts) {
                post.get();
            }
            writing.set(false);
            poller.get();
        } finally {
            pool.shutdownNow();
        }
        int total = writers * batchesEach * perBatch;
        assertEquals(total, seen.size(), "every rejection seen exactly once");
        assertEquals(total, new HashSet<>(seen).size(), "no rejection seen twice");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1) < seen.get(i), "in increasing order");
        }
        Set<Long> stored = new HashSet<>();
        JsonPath all = page(token, start, 1000);
        stored.addAll(all.getList("rejections.position", Long.class));
        assertEquals(stored, new HashSet<>(seen), "what the poller saw is what was stored");
    }
}
