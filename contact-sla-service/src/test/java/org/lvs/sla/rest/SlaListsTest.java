package org.lvs.sla.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.sla.support.Api.awaitCase;
import static org.lvs.sla.support.Api.handler;
import static org.lvs.sla.support.Api.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Strand;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestClockProducer;
import org.lvs.sla.persistence.CappedCount;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.CaseCopies;
import org.lvs.sla.support.Upstream;

/** Breaches, at-risk, work queues, search, caseloads and waiting lists over cases driven in through Kafka. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class SlaListsTest {

    @AfterEach
    void resetClock() {
        TestClockProducer.CLOCK.reset();
    }

    private static Instant hoursAgo(long h) {
        return TestClockProducer.CLOCK.instant().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(h));
    }

    private static void awaitState(UUID id, String state) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> state.equals(Api.get(id).jsonPath().getString("clock.clockState")));
    }

    @Test
    void breachesAreFilteredAndPagedOldestDueFirst() {
        String area = "AREA-" + UUID.randomUUID();
        UUID oldest = Upstream.decision().area(area).receivedAt(hoursAgo(100)).send().referralId;
        UUID middle = Upstream.decision().area(area).receivedAt(hoursAgo(80)).send().referralId;
        UUID newest = Upstream.decision()
                .area(area)
                .receivedAt(hoursAgo(60))
                .route(Strand.SEXUAL_VIOLENCE, Pathway.ISVA)
                .send()
                .referralId;
        UUID running = Upstream.decision().area(area).receivedAt(hoursAgo(1)).send().referralId;
        for (UUID id : List.of(oldest, middle, newest)) {
            awaitCase(id);
            awaitState(id, "BREACHED");
        }
        awaitCase(running);
        JsonPath first = given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("size", 2)
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("totalCapped", equalTo(false))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .extract()
                .jsonPath();
        assertEquals(List.of(oldest.toString(), middle.toString()), first.getList("items.referralId"));
        Map<String, Object> row = first.getMap("items[0]");
        for (String field : List.of(
                "referralId",
                "strand",
                "pathway",
                "area",
                "priority",
                "status",
                "clockState",
                "startedAt",
                "dueAt",
                "breachedAt",
                "hoursOverdue",
                "attempts")) {
            assertTrue(row.containsKey(field), "row has " + field);
        }
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("items.referralId", equalTo(List.of(newest.toString())));
        // keyset: the full first page names where the list goes on; the last page names nothing
        String next = first.getString("next");
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("size", 2)
                .queryParam("after", next)
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("items.referralId", equalTo(List.of(newest.toString())))
                .body("total", equalTo(3))
                .body("$", not(hasKey("next")));
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("after", "not-a-cursor")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("after"));
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("strand", "SEXUAL_VIOLENCE")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        String day = hoursAgo(100).toString().substring(0, 10);
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("priority", "STANDARD")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("from", hoursAgo(90).toString())
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("to", hoursAgo(90).toString())
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("from", day)
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200);
        given().header("Authorization", handler())
                .queryParam("size", 501)
                .queryParam("strand", "NOPE")
                .queryParam("from", "yesterday")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("size"))
                .body("errors.field", hasItem("strand"))
                .body("errors.field", hasItem("from"));
        // PostgreSQL refuses NUL in text: the area filter is refused at the edge, never sent to the database
        for (String hostileArea : List.of("NORTH\u0000", "A".repeat(5_000), "NORTH\nSOUTH")) {
            given().header("Authorization", handler())
                    .queryParam("area", hostileArea)
                    .get("/api/v1/sla/at-risk")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("area"));
        }
    }

    @Test
    void aListLongerThanTheCapCountsUpToItAndStillPagesPastIt() throws SQLException {
        String area = "AREA-" + UUID.randomUUID();
        UUID breached = Upstream.decision().area(area).receivedAt(hoursAgo(100)).send().referralId;
        awaitCase(breached);
        awaitState(breached, "BREACHED");
        try (Connection c = LvsTestResources.connection()) {
            CaseCopies.insert(c, breached, CappedCount.CAP); // the cap and one more breached cases in the area
            given().header("Authorization", handler())
                    .queryParam("area", area)
                    .queryParam("size", 500)
                    .get("/api/v1/sla/breaches")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(CappedCount.CAP))
                    .body("totalCapped", equalTo(true))
                    .body("items.size()", equalTo(500))
                    .body("$", hasKey("next"));
            // the count stops at the cap, the list does not: the row past it is on the page after the cap
            given().header("Authorization", handler())
                    .queryParam("area", area)
                    .queryParam("size", 500)
                    .queryParam("page", CappedCount.CAP / 500)
                    .get("/api/v1/sla/breaches")
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(1))
                    .body("totalCapped", equalTo(true));

            try (PreparedStatement oneLess = c.prepareStatement(
                    "delete from sla.sla_case where referral_id = (select referral_id from sla.sla_case"
                            + " where area = ? and referral_id <> ? limit 1)")) {
                oneLess.setString(1, area);
                oneLess.setObject(2, breached);
                assertEquals(1, oneLess.executeUpdate());
            }
            given().header("Authorization", handler())
                    .queryParam("area", area)
                    .get("/api/v1/sla/breaches")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(CappedCount.CAP))
                    .body("totalCapped", equalTo(false));
        } finally {
            try (Connection c = LvsTestResources.connection();
                    PreparedStatement copies =
                            c.prepareStatement("delete from sla.sla_case where area = ? and referral_id <> ?")) {
                copies.setString(1, area);
                copies.setObject(2, breached);
                copies.executeUpdate();
            }
        }
    }

    @Test
    void atRiskListsUncontactedRunningCasesDueWithinTheWindowSoonestFirst() {
        String area = "AREA-" + UUID.randomUUID();
        UUID dueIn8 = Upstream.decision().area(area).receivedAt(hoursAgo(40)).send().referralId;
        UUID dueIn20 = Upstream.decision().area(area).receivedAt(hoursAgo(28)).send().referralId;
        UUID paused = Upstream.decision()
                .area(area)
                .receivedAt(hoursAgo(40))
                .status(CaseStatus.SCREENING)
                .send()
                .referralId;
        UUID contacted = Upstream.decision().area(area).receivedAt(hoursAgo(40)).send().referralId;
        for (UUID id : List.of(dueIn8, dueIn20, paused, contacted)) {
            awaitCase(id);
        }
        post(contacted, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\"}")
                .then()
                .statusCode(200);
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("withinHours", 24)
                .get("/api/v1/sla/at-risk")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.referralId", equalTo(List.of(dueIn8.toString(), dueIn20.toString())));
        given().header("Authorization", handler())
                .queryParam("area", area)
                .queryParam("withinHours", 10)
                .get("/api/v1/sla/at-risk")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        for (String bad : List.of("0", "721", "soon")) {
            given().header("Authorization", handler())
                    .queryParam("withinHours", bad)
                    .get("/api/v1/sla/at-risk")
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("withinHours"));
        }
        given().header("Authorization", handler())
                .get("/api/v1/sla/at-risk")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("withinHours"));
        awaitState(dueIn8, "AT_RISK");
    }

    @Test
    void workQueueByStatusAndStrand() {
        UUID id = UUID.randomUUID();
        Upstream.decision()
                .id(id)
                .status(CaseStatus.SCREENING)
                .route(Strand.NEST, Pathway.NEST)
                .send();
        awaitCase(id);
        given().header("Authorization", handler())
                .queryParam("status", "SCREENING")
                .queryParam("strand", "NEST")
                .queryParam("size", 500)
                .get("/api/v1/cases")
                .then()
                .statusCode(200)
                .body("items.referralId", hasItem(id.toString()));
        given().header("Authorization", handler())
                .queryParam("status", "WAITING")
                .get("/api/v1/cases")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void workersCaseloadsAgainstPathwayCapacity() {
        String worker = "worker-" + UUID.randomUUID();
        UUID a = Upstream.decision().send().referralId;
        UUID b = Upstream.decision().send().referralId;
        UUID closed = Upstream.decision().send().referralId;
        for (UUID id : List.of(a, b, closed)) {
            awaitCase(id);
            post(id, "assignment", handler(), "{\"worker\":\"" + worker + "\"}")
                    .then()
                    .statusCode(200);
        }
        post(closed, "closure", handler(), "{\"reason\":\"UNREACHABLE\"}")
                .then()
                .statusCode(200);
        List<Map<String, Object>> rows = given().header("Authorization", handler())
                .get("/api/v1/workers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.worker == '" + worker + "' }");
        assertEquals(1, rows.size());
        assertEquals(2, ((Number) rows.get(0).get("openCases")).intValue());
        assertEquals(40, ((Number) rows.get(0).get("capacity")).intValue());
        assertEquals("IDVA", rows.get(0).get("pathway"));
        assertEquals(false, rows.get(0).get("overCapacity"));
    }

    /**
     * The caseloads are counters kept by the transaction that changes a case: after assignments, a reassignment, a
     * regrade and a closure they equal a fresh count of the open cases, per worker and pathway.
     */
    @Test
    void caseloadCountersFollowEveryChangeOfWorkerPathwayAndStatus() {
        String first = "worker-" + UUID.randomUUID();
        String second = "worker-" + UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = Upstream.decision().send().referralId;
            awaitCase(id);
            post(id, "assignment", handler(), "{\"worker\":\"" + first + "\"}")
                    .then()
                    .statusCode(200);
            ids.add(id);
        }
        post(ids.get(0), "assignment", handler(), "{\"worker\":\"" + second + "\"}")
                .then()
                .statusCode(200);
        post(ids.get(1), "pathway", handler(), "{\"pathway\":\"ISVA\",\"reason\":\"disclosed at first call\"}")
                .then()
                .statusCode(200);
        post(ids.get(2), "closure", handler(), "{\"reason\":\"UNREACHABLE\"}")
                .then()
                .statusCode(200);
        List<Map<String, Object>> rows = given().header("Authorization", handler())
                .get("/api/v1/workers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.worker == '" + first + "' || it.worker == '" + second + "' }");
        assertEquals(2, rows.size());
        for (Map<String, Object> row : rows) {
            String worker = (String) row.get("worker");
            int recount =
                    Api.count("select count(*) from sla.sla_case where worker = ? and status <> 'CLOSED'", worker);
            assertEquals(recount, ((Number) row.get("openCases")).intValue(), worker);
            @SuppressWarnings("unchecked")
            Map<String, Object> byPathway = (Map<String, Object>) row.get("byPathway");
            byPathway.forEach((pathway, open) -> assertEquals(
                    Api.count(
                            "select count(*) from sla.sla_case where worker = ? and pathway = ? and status <> 'CLOSED'",
                            worker,
                            pathway),
                    ((Number) open).intValue(),
                    worker + " " + pathway));
        }
        Map<String, Object> firstRow = rows.stream()
                .filter(r -> first.equals(r.get("worker")))
                .findFirst()
                .orElseThrow();
        assertEquals(2, ((Number) firstRow.get("openCases")).intValue()); // 4 assigned, 1 moved on, 1 closed
        assertEquals(Map.of("IDVA", 1, "ISVA", 1), firstRow.get("byPathway"));
        // a session with another search_path writing the table by its full name (a bulk load, an operator) counts too
        String third = "worker-" + UUID.randomUUID();
        Api.update(
                "update sla.sla_case set worker = ? where referral_id = ?::uuid",
                third,
                ids.get(3).toString());
        assertEquals(
                1,
                Api.count("select open_cases from sla.worker_caseload where worker = ? and pathway = 'IDVA'", third));
    }

    @Test
    void waitingListsShowContactedUnassignedCasesAndUnstartedServices() {
        UUID id = Upstream.decision()
                .route(Strand.HATE_CRIME, Pathway.HATE_CRIME_PARTNER)
                .send()
                .referralId;
        awaitCase(id);
        post(id, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\"}")
                .then()
                .statusCode(200);
        post(id, "services", handler(), "{\"service\":\"PEER_SUPPORT\"}").then().statusCode(200);
        JsonPath lists = given().header("Authorization", handler())
                .get("/api/v1/waiting-lists")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(lists.getList("strands.find { it.name == 'HATE_CRIME' }.items.referralId")
                .contains(id.toString()));
        assertTrue(lists.getList("services.find { it.name == 'PEER_SUPPORT' }.items.referralId")
                .contains(id.toString()));
        post(id, "assignment", handler(), "{\"worker\":\"hc-worker\"}").then().statusCode(200);
        post(id, "services/PEER_SUPPORT/start", handler(), "{}").then().statusCode(200);
        lists = given().header("Authorization", handler())
                .get("/api/v1/waiting-lists")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(!lists.getList("strands.find { it.name == 'HATE_CRIME' }.items.referralId")
                .contains(id.toString()));
        assertTrue(!lists.getList("services.find { it.name == 'PEER_SUPPORT' }.items.referralId")
                .contains(id.toString()));
    }

    @Test
    void waitingListsListEveryWaitingCaseAPageAtATimeWithTotalsPerGroup() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = Upstream.decision().route(Strand.CORE, Pathway.CORE).send().referralId;
            awaitCase(id);
            // contacted long ago: the longest waits of the strand, in this order
            post(
                            id,
                            "contacts",
                            Api.admin(),
                            "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\",\"at\":\""
                                    + Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofHours(i)) + "\"}")
                    .then()
                    .statusCode(200);
            ids.add(id);
        }
        JsonPath first = given().header("Authorization", handler())
                .queryParam("strand", "CORE")
                .queryParam("size", 2)
                .get("/api/v1/waiting-lists")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(0, first.getInt("page"));
        assertEquals(2, first.getInt("size"));
        assertEquals(List.of("CORE"), first.getList("strands.name"), "one strand asked for");
        assertEquals(List.of(), first.getList("services"));
        long waiting = first.getLong("strands[0].waiting");
        assertTrue(waiting >= 3, "every waiting case is counted");
        assertEquals((waiting + 1) / 2, first.getLong("strands[0].pages"));
        assertEquals(
                List.of(ids.get(0).toString(), ids.get(1).toString()), first.getList("strands[0].items.referralId"));
        JsonPath second = given().header("Authorization", handler())
                .queryParam("strand", "CORE")
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/v1/waiting-lists")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(ids.get(2).toString(), second.getString("strands[0].items[0].referralId"));
        // every page together lists every waiting case of the strand, once
        List<String> all = new ArrayList<>();
        for (int page = 0; page * 500L < waiting; page++) {
            all.addAll(given().header("Authorization", handler())
                    .queryParam("strand", "CORE")
                    .queryParam("size", 500)
                    .queryParam("page", page)
                    .get("/api/v1/waiting-lists")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("strands[0].items.referralId"));
        }
        assertEquals(waiting, all.size());
        assertEquals(waiting, all.stream().distinct().count());
        given().header("Authorization", handler())
                .get("/api/v1/waiting-lists")
                .then()
                .statusCode(200)
                .body("strands.name", hasItem("NEST"))
                .body("services.name", hasItem("COUNSELLING"))
                .body("size", equalTo(50));
        given().header("Authorization", handler())
                .queryParam("size", 501)
                .queryParam("page", -1)
                .queryParam("strand", "KNITTING")
                .get("/api/v1/waiting-lists")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("size"))
                .body("errors.field", hasItem("page"))
                .body("errors.field", hasItem("strand"));
    }

    @Test
    void malformedTypedParametersAreNamedIn400() {
        given().header("Authorization", handler())
                .get(Api.CASES + "not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("referralId"));
        given().header("Authorization", handler())
                .contentType("application/json")
                .body("{}")
                .post(Api.CASES + "1-1-1-1-1/closure")
                .then()
                .statusCode(400)
                .body("errors.field", contains("referralId"));
        given().header("Authorization", handler())
                .queryParam("size", "many")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("size"));
        given().header("Authorization", handler())
                .queryParam("open", "maybe")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(400)
                .body("errors.field", contains("open"));
        given().header("Authorization", handler())
                .queryParam("open", "false")
                .queryParam("size", " ")
                .get("/api/v1/sla/breaches")
                .then()
                .statusCode(200)
                .body("size", equalTo(50));
        given().header("Authorization", handler())
                .queryParam("page", "first")
                .get("/api/v1/waiting-lists")
                .then()
                .statusCode(400)
                .body("errors.field", contains("page"));
    }
}
