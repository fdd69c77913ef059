package org.lvs.triage.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.lvs.triage.support.Events.awaitFor;
import static org.lvs.triage.support.Events.received;
import static org.lvs.triage.support.Events.referral;
import static org.lvs.triage.support.Events.send;
import static org.lvs.triage.support.Events.uniqueReference;
import static org.lvs.triage.support.Events.victim;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;
import org.lvs.triage.support.Db;

/** cases.erasures on the real broker and database: what triage keeps of an erased referral, and what goes. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ErasureConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Instant T = Instant.parse("2017-09-20T10:00:00Z");

    private static ReferralReceived referralOf(UUID id, String ref, int version, String personRef, Instant recorded) {
        return received(
                id,
                referral(
                        Source.ADT,
                        ref,
                        version,
                        recorded,
                        CrimeCategory.THEFT,
                        victim(personRef, "07700900123"),
                        Consent.EXPLICIT),
                recorded.plusSeconds(60 * version));
    }

    private static void erase(UUID id) {
        TopicProbe.send(
                Topics.CASES_ERASURES,
                id.toString(),
                new PersonalDataErased(id, Source.ADT, PersonalDataErased.CONSENT_WITHDRAWN, T.plusSeconds(3600))
                        .toEnvelope());
    }

    private static long identities(UUID id) {
        return Db.count("SELECT count(*) FROM triage.victim_identity WHERE referral_id = ?", id);
    }

    @Test
    void anErasureRemovesTheIdentityAndSourceReferenceKeepsTheDecisionAndHoldsForLaterVersions() {
        String personRef = uniqueReference("P-ERASE");
        UUID erased = UUID.randomUUID();
        String erasedRef = uniqueReference("ERASE");
        UUID other = UUID.randomUUID();
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED);
                TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.CASES_ERASURES))) {
            send(referralOf(erased, erasedRef, 1, personRef, T.minus(Duration.ofDays(20))));
            assertEquals(1, awaitFor(triaged, erased, 1, WAIT).size());
            send(referralOf(other, uniqueReference("KEEP"), 1, personRef, T.minus(Duration.ofDays(10))));
            assertEquals(1, awaitFor(triaged, other, 1, WAIT).size());
            Object personRefHash = Db.column(
                            "SELECT person_ref_hash FROM triage.victim_identity WHERE referral_id = ?", erased)
                    .get(0);

            erase(erased);
            await().atMost(WAIT).until(() -> identities(erased) == 0);
            // Nothing in triage's schema holds the erased referral's source reference (the outbox may hold a
            // published row for a moment, until the relay deletes it); its identity hashes are left only on the other
            // referral of the same victim, which was not erased.
            await().atMost(WAIT)
                    .untilAsserted(() -> assertEquals(List.of(), Db.scanSchema("triage", List.of(erasedRef))));
            assertEquals(
                    List.of(other),
                    Db.column(
                            "SELECT referral_id FROM triage.victim_identity WHERE person_ref_hash = ?", personRefHash));
            assertEquals(1, identities(other), "another referral of the victim keeps its identity");

            // the decision stays, without the source reference
            given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                    .get("/api/v1/triage/{id}", erased)
                    .then()
                    .statusCode(200)
                    .body("outcome", equalTo("CASE_OPENED"))
                    .body("sourceReference", nullValue())
                    .body("referralId", equalTo(erased.toString()));

            // Erasing again changes nothing and dead-letters nothing (a marker erasure after it shows it was read).
            erase(erased);
            UUID marker = UUID.randomUUID();
            erase(marker);
            await().atMost(WAIT)
                    .until(() ->
                            Db.count("SELECT count(*) FROM triage.erased_referral WHERE referral_id = ?", marker) == 1);
            assertEquals(
                    List.of(),
                    dlq.drain(QUIET).stream()
                            .filter(r -> r.key().equals(erased.toString()))
                            .toList());

            // A version decided after the erasure stores no identity and no source reference either.
            send(referralOf(erased, erasedRef, 2, personRef, T.minus(Duration.ofDays(20))));
            assertEquals(
                    2,
                    awaitFor(triaged, erased, 1, WAIT)
                            .get(0)
                            .payloadAs(ReferralDecided.class)
                            .version());
            assertEquals(0, identities(erased));
            assertEquals(
                    0,
                    Db.count(
                            "SELECT count(*) FROM triage.decision WHERE referral_id = ? "
                                    + "AND source_reference IS NOT NULL",
                            erased));

            // The victim's next referral no longer matches the erased one: one other referral in the year, not two.
            UUID next = UUID.randomUUID();
            send(referralOf(next, uniqueReference("NEXT"), 1, personRef, T));
            ReferralDecided decided = awaitFor(triaged, next, 1, WAIT).get(0).payloadAs(ReferralDecided.class);
            assertFalse(decided.hasReason(ReasonCode.PRIORITY_PERSISTENTLY_TARGETED));
        }
    }
}
