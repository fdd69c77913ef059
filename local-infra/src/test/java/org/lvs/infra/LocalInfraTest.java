package org.lvs.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Topics;
import org.lvs.infra.jwt.LocalJwt;
import org.lvs.infra.test.TestInfrastructure;
import org.lvs.infra.test.TopicProbe;

/** The test infrastructure itself: a real broker with the topics, a real database, and signed tokens. */
class LocalInfraTest {

    @Test
    void brokerCarriesRecordsOnEveryContractTopic() {
        TestInfrastructure.get();
        try (TopicProbe probe = TopicProbe.open(Topics.CASES_EVENTS)) {
            TopicProbe.send(Topics.CASES_EVENTS, "k1", "{\"hello\":1}");
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(1, Duration.ofSeconds(30));
            assertEquals(1, records.size());
            assertEquals("k1", records.get(0).key());
        }
        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrap()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertTrue(topics.containsAll(Topics.all()), () -> "missing topics in " + topics);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void databaseAnswers() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
                ResultSet rs = c.createStatement().executeQuery("select 41 + 1")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void tokensAreThreePartRs256Jwts() throws Exception {
        Path keys = Files.createTempDirectory("keys");
        String token = LocalJwt.inDirectory(keys).sign("someone", List.of("ops"), Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertTrue(claims.contains("\"groups\":[\"ops\"]"), claims);
        assertTrue(Files.readString(LocalJwt.publicKey(keys)).startsWith("-----BEGIN PUBLIC KEY-----"));
        // the same directory gives the same key on the next use
        assertEquals(
                Files.readAllLines(LocalJwt.publicKey(keys)).stream().collect(Collectors.joining()),
                Files.readAllLines(LocalJwt.publicKey(keys)).stream().collect(Collectors.joining()));
    }
}
