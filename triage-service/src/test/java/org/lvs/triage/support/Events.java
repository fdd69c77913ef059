package org.lvs.triage.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Address;
import org.lvs.contract.referral.AgeBand;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.Crime;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Gender;
import org.lvs.contract.referral.PreferredContact;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.Safeguarding;
import org.lvs.contract.referral.Source;
import org.lvs.contract.referral.Victim;
import org.lvs.infra.test.TopicProbe;

/** Builds and sends {@code ReferralReceived} envelopes as referral-ingest would, and reads what triage published. */
public final class Events {

    public static final Instant RECORDED = Instant.parse("2017-08-14T08:30:00Z");

    private Events() {}

    /**
     * A consented adult victim. The last name derives from {@code personRef}, so victims of different tests never
     * share a name and date of birth (which would make them one victim for the repeat rule).
     */
    public static Victim victim(String personRef, String phone) {
        return new Victim(
                personRef,
                "Amina",
                "Example " + personRef,
                LocalDate.of(1990, 5, 2),
                null,
                Gender.FEMALE,
                phone,
                null,
                new Address(phone == null ? null : "1 Example Street", null, "Preston", "PR1 2AB"),
                PreferredContact.PHONE,
                List.of(),
                AgeBand.FROM_25_TO_34);
    }

    public static Referral referral(
            Source source,
            String sourceReference,
            int version,
            Instant recordedAt,
            CrimeCategory category,
            Victim victim,
            Consent consent) {
        return new Referral(
                        source,
                        sourceReference,
                        version,
                        null,
                        recordedAt,
                        null,
                        "CENTRAL",
                        new Crime(category, List.of(), "what happened"),
                        victim,
                        consent,
                        null,
                        Safeguarding.SAFE,
                        null,
                        null)
                .asPublishable();
    }

    public static ReferralReceived received(UUID referralId, Referral referral, Instant receivedAt) {
        return new ReferralReceived(referralId, referral.version(), receivedAt, receivedAt, referral);
    }

    public static void send(ReferralReceived received) {
        TopicProbe.send(Topics.REFERRALS_RECEIVED, received.referralId().toString(), received.toEnvelope());
    }

    public static String uniqueReference(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The records about one referral that arrive within the timeout (stops early once {@code count} arrived). */
    public static List<ConsumerRecord<String, String>> awaitRecordsFor(
            TopicProbe probe, UUID referralId, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : probe.awaitRecords(1, Duration.ofMillis(500))) {
                if (referralId
                        .toString()
                        .equals(EventJson.read(r.value())
                                .payload()
                                .path("referralId")
                                .asText())) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    public static List<EventEnvelope> awaitFor(TopicProbe probe, UUID referralId, int count, Duration timeout) {
        return awaitRecordsFor(probe, referralId, count, timeout).stream()
                .map(r -> EventJson.read(r.value()))
                .toList();
    }

    /**
     * The envelopes about several referrals that arrive within the timeout, by referral (stops early once each has
     * its expected count): records of different referrals arrive interleaved, so they are collected together.
     */
    public static Map<UUID, List<EventEnvelope>> awaitForAll(
            TopicProbe probe, Map<UUID, Integer> expected, Duration timeout) {
        Map<UUID, List<EventEnvelope>> found = new HashMap<>();
        expected.keySet().forEach(id -> found.put(id, new ArrayList<>()));
        Instant deadline = Instant.now().plus(timeout);
        while (expected.entrySet().stream().anyMatch(e -> found.get(e.getKey()).size() < e.getValue())
                && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : probe.awaitRecords(1, Duration.ofMillis(500))) {
                EventEnvelope envelope = EventJson.read(r.value());
                String id = envelope.payload().path("referralId").asText();
                found.entrySet().stream()
                        .filter(e -> e.getKey().toString().equals(id))
                        .findFirst()
                        .ifPresent(e -> e.getValue().add(envelope));
            }
        }
        return found;
    }
}
