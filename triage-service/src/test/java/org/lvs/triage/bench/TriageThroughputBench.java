package org.lvs.triage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TopicProbe;
import org.lvs.triage.support.Events;

/**
 * Sends N {@code ReferralReceived} envelopes onto {@code referrals.received} with a raw producer and prints how many
 * decisions per second reach {@code referrals.triaged} (real broker, real database, outbox relay included). The mix
 * has repeat victims (every fifth referral shares a victim with the one before) and no-consent referrals (every
 * tenth, which also publish feedback). A bench, not a test: it prints figures and asserts nothing about time. Not
 * matched by surefire's default patterns; run it with
 * {@code ./mvnw -pl triage-service verify -Dtest=TriageThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.referrals=N} to change N).
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class TriageThroughputBench {

    private static final int REFERRALS = Integer.getInteger("bench.referrals", 20_000);
    private static final Duration TIMEOUT = Duration.ofMinutes(Integer.getInteger("bench.timeout-minutes", 15));

    @Test
    void printDecisionsPerSecond() throws Exception {
        List<ReferralReceived> events = referrals(REFERRALS);
        Set<String> expected = new HashSet<>();
        events.forEach(e -> expected.add(e.referralId().toString()));

        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED);
                KafkaProducer<String, String> producer = producer()) {
            long start = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
            for (ReferralReceived event : events) {
                acks.add(producer.send(new ProducerRecord<>(
                        Topics.REFERRALS_RECEIVED,
                        event.referralId().toString(),
                        event.toEnvelope().toJson())));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
            double sentSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("bench: sent %,d referrals in %.1f s%n", events.size(), sentSeconds);

            Set<String> decided = new HashSet<>();
            long firstDecision = 0;
            Instant deadline = Instant.now().plus(TIMEOUT);
            long lastReport = System.nanoTime();
            while (decided.size() < expected.size() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : triaged.awaitRecords(1, Duration.ofMillis(500))) {
                    String id = EventJson.read(r.value())
                            .payload()
                            .path("referralId")
                            .asText();
                    if (expected.contains(id)) {
                        decided.add(id);
                        firstDecision = firstDecision == 0 ? System.nanoTime() : firstDecision;
                    }
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("bench: %,d decided after %.0f s%n", decided.size(), (lastReport - start) / 1e9);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String figure = String.format(
                    "bench: %,d of %,d referrals decided and published in %.1f s: %.0f decisions/s",
                    decided.size(), expected.size(), seconds, decided.size() / seconds);
            // the same without the producer's ramp-up: from the first decision published to the last
            String steady = String.format(
                    "bench: from the first decision to the last: %.0f decisions/s",
                    (decided.size() - 1) / Math.max(1e-9, (System.nanoTime() - firstDecision) / 1e9));
            System.out.println(figure);
            System.out.println(steady);
            System.err.println(figure);
            System.err.println(steady);
            System.out.flush();
            assertEquals(expected.size(), decided.size(), "every referral decided once");
        }
    }

    private static List<ReferralReceived> referrals(int n) {
        Instant recorded = Instant.parse("2017-09-01T08:00:00Z");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ReferralReceived> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // every fifth referral is of the previous referral's victim: the repeat lookup finds something
            String personRef = "BENCH-" + run + "-" + (i % 5 == 4 ? i - 1 : i);
            Consent consent = i % 10 == 9 ? Consent.REFUSED : Consent.EXPLICIT;
            CrimeCategory category = i % 3 == 0 ? CrimeCategory.DOMESTIC_ABUSE : CrimeCategory.BURGLARY;
            Instant at = recorded.plusSeconds(i);
            events.add(Events.received(
                    UUID.randomUUID(),
                    Events.referral(
                            Source.ADT,
                            "BENCH-" + run + "-R" + i,
                            1,
                            at,
                            category,
                            Events.victim(personRef, "07700900123"),
                            consent),
                    at.plusSeconds(30)));
        }
        return events;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LvsTestResources.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
