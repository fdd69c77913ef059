package org.lvs.triage.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lvs.commons.failure.RejectedRecordException;
import org.lvs.commons.messaging.TypedEventReader;
import org.lvs.commons.messaging.TypedEventReader.Typed;
import org.lvs.commons.text.SafeText;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.MalformedEventException;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Victim;

/**
 * Reads a {@code referrals.received} record into what triage needs, or throws {@link MalformedEventException} (not a
 * readable ReferralReceived) or {@link RejectedRecordException} (personal text no store could hold) with a reason that
 * never quotes the record's content (it carries personal data), so the record is dead-lettered alone.
 *
 * <p>Triage never stores the victim's personal fields: it hashes the identity ones and only tests the others for
 * presence. No database would refuse a NUL there, so this is the only place to catch one; a NUL or another control
 * character could also make two different names hash alike (the hash input separates its parts with NUL). The
 * referral's other strings (sourceReference, area) are stored, and PostgreSQL refuses what it cannot hold (SQLSTATE
 * class 22), which the batch consumer dead-letters just as well.
 */
public final class ReceivedEvents {

    private ReceivedEvents() {}

    /** Most records are read in one pass; see {@link TypedEventReader}. */
    private static final TypedEventReader<ReferralReceived> ONE_PASS =
            new TypedEventReader<>(ReferralReceived.class, EventTypes.REFERRAL_RECEIVED);

    public static ReferralReceived read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record");
        }
        // what the one pass does not vouch for is read the contract's way, which gives every refusal its reason
        Typed<ReferralReceived> event = ONE_PASS.read(json).orElseGet(() -> readTheContractsWay(json));
        ReferralReceived received = event.payload();
        require(received.referralId() != null, "referralId");
        require(received.version() >= 1, "version");
        Referral referral = received.referral();
        require(referral != null, "referral");
        require(referral.source() != null, "referral.source");
        require(
                referral.sourceReference() != null
                        && !referral.sourceReference().isBlank(),
                "referral.sourceReference");
        require(referral.recordedAt() != null, "referral.recordedAt");
        requireSafePersonalText(referral);
        Instant receivedAt = received.receivedAt() != null
                ? received.receivedAt()
                : referral.receivedAt() != null ? referral.receivedAt() : event.occurredAt();
        if (receivedAt != received.receivedAt()) {
            received = new ReferralReceived(
                    received.referralId(), received.version(), receivedAt, received.firstReceivedAt(), referral);
        }
        return received;
    }

    private static Typed<ReferralReceived> readTheContractsWay(String json) {
        try {
            EventEnvelope envelope = EventJson.read(json);
            if (!EventTypes.REFERRAL_RECEIVED.equals(envelope.type())) {
                throw new MalformedEventException(
                        "unexpected event type " + envelope.type() + " on referrals.received");
            }
            return new Typed<>(
                    envelope.eventId(),
                    envelope.type(),
                    envelope.occurredAt(),
                    envelope.schemaVersion(),
                    envelope.payloadAs(ReferralReceived.class));
        } catch (MalformedEventException e) {
            throw withoutContent(e);
        }
    }

    /**
     * Jackson's messages may quote the offending value (a date of birth, a name): the reason names only the kind of
     * error and where it is (field path, line and column), never the content.
     */
    static MalformedEventException withoutContent(MalformedEventException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping) {
            return new MalformedEventException(
                    "not a ReferralReceived event: " + cause.getClass().getSimpleName() + " at "
                            + mapping.getPathReference(),
                    e);
        }
        if (cause instanceof JsonProcessingException parsing) {
            var at = parsing.getLocation();
            return new MalformedEventException(
                    "not JSON: " + cause.getClass().getSimpleName()
                            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()),
                    e);
        }
        if (cause != null) {
            return new MalformedEventException(
                    "incomplete event: " + cause.getClass().getSimpleName(), e);
        }
        return e;
    }

    /** Every personal text field is one line of valid Unicode (free text may also hold tabs and line breaks). */
    static void requireSafePersonalText(Referral referral) {
        List<String> problems = new ArrayList<>();
        Victim victim = referral.victim();
        if (victim != null) {
            check(problems, "referral.victim.personRef", victim.personRef(), SafeText.Kind.LINE);
            check(problems, "referral.victim.firstName", victim.firstName(), SafeText.Kind.LINE);
            check(problems, "referral.victim.lastName", victim.lastName(), SafeText.Kind.LINE);
            check(problems, "referral.victim.phone", victim.phone(), SafeText.Kind.LINE);
            check(problems, "referral.victim.email", victim.email(), SafeText.Kind.LINE);
            Address address = victim.address();
            if (address != null) {
                check(problems, "referral.victim.address.line1", address.line1(), SafeText.Kind.LINE);
                check(problems, "referral.victim.address.line2", address.line2(), SafeText.Kind.LINE);
                check(problems, "referral.victim.address.town", address.town(), SafeText.Kind.LINE);
                check(problems, "referral.victim.address.postcode", address.postcode(), SafeText.Kind.LINE);
            }
        }
        if (referral.crime() != null) {
            check(problems, "referral.crime.description", referral.crime().description(), SafeText.Kind.FREE_TEXT);
        }
        check(problems, "referral.safeguarding.reason", referral.safeguarding().reason(), SafeText.Kind.FREE_TEXT);
        check(problems, "referral.howHeardDetail", referral.howHeardDetail(), SafeText.Kind.FREE_TEXT);
        if (!problems.isEmpty()) {
            throw new RejectedRecordException(
                    "ReferralReceived with unsafe personal text: " + String.join("; ", problems));
        }
    }

    /** Lengths are the edge's business (referral-contract.md); here only what no consumer can hold counts. */
    private static void check(List<String> problems, String field, String value, SafeText.Kind kind) {
        String problem = SafeText.problem(value, kind, Integer.MAX_VALUE);
        if (problem != null) {
            problems.add(field + " " + problem);
        }
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new MalformedEventException("ReferralReceived without a valid " + field);
        }
    }
}
