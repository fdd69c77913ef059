package org.lvs.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.metrics.TestEvents.Decision;
import org.lvs.metrics.TestEvents.Sent;
import org.lvs.metrics.domain.ReportingPeriod;

/** A benchmark, not a check of speed: prints how fast decisions are applied on this machine. */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class ApplyThroughputBench {

    /** {@code -Dbench.events=5000} for a longer run (steady state rather than the first batches). */
    static final int EVENTS = Integer.getInteger("bench.events", 500);

    @Test
    void printsTheApplyRate() {
        int year = 3000 + ThreadLocalRandom.current().nextInt(500);
        String period = String.format("%d-%02d", year, (year + 1) % 100);
        Instant base = LocalDateTime.of(year, 6, 1, 9, 0).atZone(ReportingPeriod.LONDON).toInstant();
        List<Sent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(Decision.of(Source.ADT, base.plusSeconds(i * 60L)).event());
        }
        long started = System.nanoTime();
        // one producer sending asynchronously, so the broker, not the test, sets the pace
        Properties props = new Properties();
        props.put("bootstrap.servers", LvsTestResources.kafkaBootstrap());
        props.put("acks", "all");
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (Sent e : events) {
                producer.send(new ProducerRecord<>(e.topic(), e.key(), e.envelope().toJson()));
            }
            producer.flush();
        }
        long sent = System.nanoTime();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().header("Authorization", TestTokens.bearer(Roles.OPS)).queryParam("period", period)
                        .get("/api/v1/metrics/summary").then().statusCode(200).extract()
                        .jsonPath().getInt("referrals.total") == EVENTS);
        long applied = System.nanoTime();
        long summaryStart = System.nanoTime();
        given().header("Authorization", TestTokens.bearer(Roles.OPS)).queryParam("period", period)
                .get("/api/v1/metrics/summary").then().statusCode(200);
        long summaryMillis = (System.nanoTime() - summaryStart) / 1_000_000;
        System.out.printf("BENCH metrics apply: %d decisions sent in %d ms, all applied after %d ms "
                + "(%.0f events/s end to end); summary over them in %d ms%n", EVENTS, (sent - started) / 1_000_000,
                (applied - started) / 1_000_000, EVENTS * 1e9 / (applied - started), summaryMillis);
        // the consumer's own pace, from its processed-event marks (the summary polls above also load the machine)
        UUID[] ids = events.stream().map(e -> e.envelope().eventId()).toArray(UUID[]::new);
        try (Connection c = DriverManager.getConnection(LvsTestResources.jdbcUrl(),
                LvsTestResources.dbUser(), LvsTestResources.dbPassword());
                PreparedStatement ps = c.prepareStatement("SELECT extract(epoch FROM max(processed_at) "
                        + "- min(processed_at)) FROM metrics.processed_event WHERE event_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double seconds = rs.getDouble(1);
                System.out.printf("BENCH metrics apply: first to last applied decision %.1f s (%.0f events/s)%n",
                        seconds, seconds > 0 ? EVENTS / seconds : Double.NaN);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
