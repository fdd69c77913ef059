package org.lvs.sla.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.sla.support.Api.admin;
import static org.lvs.sla.support.Api.awaitCase;
import static org.lvs.sla.support.Api.handler;
import static org.lvs.sla.support.Api.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.CaseEvent;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.sla.support.Api;
import org.lvs.sla.support.CaseEvents;
import org.lvs.sla.support.Upstream;

/**
 * Erasure is complete and propagates (issue 11): after an erasure nothing in any table of the sla schema and nothing
 * on the cases.* topics holds the victim's data or a trace that re-identifies them; the erasure goes out as
 * PersonalDataErased on cases.erasures; handlers on events are worker ids, never names.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ErasureTest {

    @Test
    void anErasedVictimIsFoundInNoTableOfTheSchemaAndOnNoCasesTopic() {
        UUID id = UUID.randomUUID();
        String tag = id.toString().substring(0, 8);
        String first = "Erin" + tag;
        String last = "Erasable" + tag;
        String phone = "07700 9" + id.toString().replaceAll("[^0-9]", "").substring(0, 5);
        Upstream.send(Upstream.received(id, 1, first, last, phone, "PR-" + id, Consent.EXPLICIT));
        Upstream.decision().id(id).send();
        awaitCase(id);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().get("victim") != null);
        String note = "she asked us to call her sister " + tag;
        String regrade = "graded too high by MASH after talking to " + first;
        String reason = "called about her appointment " + tag;
        post(
                        id,
                        "contacts",
                        handler(),
                        "{\"channel\":\"PHONE\",\"outcome\":\"SPOKE_TO_VICTIM\",\"handler\":\"w-" + tag
                                + "\",\"note\":\"" + note + "\"}")
                .then()
                .statusCode(200);
        post(id, "pathway", handler(), "{\"pathway\":\"IVA\",\"reason\":\"" + regrade + "\"}")
                .then()
                .statusCode(200);
        given().header("Authorization", handler())
                .queryParam("phone", phone)
                .queryParam("reason", reason)
                .get("/api/v1/cases")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        String hmac =
                Api.text("select terms_hmac from sla.access_audit where result_ids @> array[?::uuid]", id.toString());
        List<String> traces = List.of(
                first,
                last,
                phone.replace(" ", ""),
                phone,
                Upstream.emailOf(id),
                "PR-" + id,
                "SR-" + id,
                note,
                regrade,
                reason,
                hmac);
        assertTrue(tablesHolding(traces.subList(0, 2)).size() > 0, "the scan finds the victim before the erasure");

        given().header("Authorization", admin())
                .delete(Api.CASES + id + "/personal-data")
                .then()
                .statusCode(200)
                .body("victim", nullValue())
                .body("personalDataErased", equalTo(true))
                .body("contactsMade", equalTo(1))
                .body("clock.clockState", equalTo("MET"));
        // a later version of the decision does not bring the source reference back
        Upstream.decision().id(id).version(2).send();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.get(id).jsonPath().getInt("version") == 2);

        assertEquals(List.of(), tablesHolding(traces), "tables holding a trace of the erased victim");
        List<ConsumerRecord<String, String>> erasures = CaseEvents.records(id, Topics.CASES_ERASURES);
        assertEquals(1, erasures.size());
        EventEnvelope erased = EventJson.read(erasures.get(0).value());
        assertEquals(EventTypes.PERSONAL_DATA_ERASED, erased.type());
        PersonalDataErased payload = erased.payloadAs(PersonalDataErased.class);
        assertEquals(new PersonalDataErased(id, Source.ADT, PersonalDataErased.ADMIN_REQUEST, payload.at()), payload);
        List<String> onTopics = new ArrayList<>();
        CaseEvents.records(id, Topics.CASES_EVENTS); // everything of the case published and read
        for (ConsumerRecord<String, String> r : CaseEvents.all()) {
            traces.stream()
                    .filter(t ->
                            r.value().contains(t) || (r.key() != null && r.key().contains(t)))
                    .forEach(t -> onTopics.add(r.topic() + "@" + r.offset()));
        }
        assertEquals(List.of(), onTopics, "records on cases.* holding a trace of the erased victim");
    }

    @Test
    void consentWithdrawnByDecisionByHandlerOrByClosurePropagatesTheErasure() {
        UUID byDecision = Upstream.decision().send().referralId;
        UUID byHandler = Upstream.decision().status(CaseStatus.AWAITING_CONSENT).send().referralId;
        UUID byClosure = Upstream.decision().send().referralId;
        List.of(byDecision, byHandler, byClosure).forEach(Api::awaitCase);
        Upstream.decision().id(byDecision).version(2).declined().send();
        post(byHandler, "consent", handler(), "{\"confirmed\":false}").then().statusCode(200);
        post(byClosure, "closure", handler(), "{\"reason\":\"CONSENT_WITHDRAWN\"}")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CLOSED".equals(Api.get(byDecision).jsonPath().getString("status")));
        // a victim whose details arrived but whose referral opened no case yet, then withdrew consent
        UUID noCase = UUID.randomUUID();
        Upstream.send(Upstream.received(noCase, 1, "Nora", "Nocase", "07700 900999", "PR-" + noCase, Consent.EXPLICIT));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.count(
                                "select count(*) from sla.case_person where " + "referral_id = ?::uuid",
                                noCase.toString())
                        == 1);
        Upstream.send(Upstream.received(noCase, 2, null, null, null, null, Consent.REFUSED));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.count(
                                "select count(*) from sla.case_person where " + "referral_id = ?::uuid",
                                noCase.toString())
                        == 0);
        for (UUID id : List.of(byDecision, byHandler, byClosure, noCase)) {
            List<ConsumerRecord<String, String>> erasures = CaseEvents.records(id, Topics.CASES_ERASURES);
            assertEquals(1, erasures.size(), "one erasure for " + id);
            assertEquals(
                    PersonalDataErased.CONSENT_WITHDRAWN,
                    EventJson.read(erasures.get(0).value())
                            .payloadAs(PersonalDataErased.class)
                            .reason());
        }
    }

    @Test
    void handlersOnEventsAreWorkerIdsNeverNames() {
        UUID id = Upstream.decision().send().referralId;
        awaitCase(id);
        post(id, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"handler\":\"Jane Smith\"}")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("handler"));
        post(id, "assignment", handler(), "{\"worker\":\"Jane Smith\"}")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("worker"));
        post(id, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\"}")
                .then()
                .statusCode(200);
        post(id, "contacts", handler(), "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"handler\":\"idva-07\"}")
                .then()
                .statusCode(200);
        List<String> handlers = CaseEvents.of(id).stream()
                .filter(e -> e.type().equals(EventTypes.CONTACT_RECORDED))
                .map(e -> e.payloadAs(CaseEvent.class).handler())
                .toList();
        assertEquals(List.of("test-case-handler", "idva-07"), handlers, "the token's subject, or the worker id given");
    }

    /** Every table of the sla schema with a row whose text holds one of the traces (case-insensitive). */
    private static List<String> tablesHolding(List<String> traces) {
        List<String> holding = new ArrayList<>();
        String tables = Api.text("select string_agg(table_name, ',') from information_schema.tables "
                + "where table_schema = 'sla' and table_type = 'BASE TABLE'");
        for (String table : tables.split(",")) {
            for (String trace : traces) {
                if (trace != null
                        && Api.count(
                                        "select count(*) from sla." + table + " t where t::text ilike ?",
                                        "%" + trace.replace("%", "\\%").replace("_", "\\_") + "%")
                                > 0) {
                    holding.add(table + " holds " + trace);
                }
            }
        }
        return holding;
    }

    private static Matcher<Object> nullValue() {
        return Matchers.nullValue();
    }
}
