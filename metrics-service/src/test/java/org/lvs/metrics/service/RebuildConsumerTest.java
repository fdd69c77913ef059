package org.lvs.metrics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.commons.messaging.KafkaClientSecurity;

/** The rebuild's own consumer reaches the broker like the channels do: TLS and SCRAM settings included. */
class RebuildConsumerTest {

    @Test
    void theRebuildConsumerTakesTheBrokersSecuritySettingsOnly() {
        Map<String, Object> defaults = Map.of(
                "bootstrap.servers",
                "kafka:9093",
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "scram login",
                "ssl.truststore.location",
                "/etc/kafka/ca.p12",
                "max.poll.records",
                "7",
                "group.id",
                "someone");
        Map<String, Object> security = KafkaClientSecurity.of(defaults);
        assertEquals(
                Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        "scram login",
                        "ssl.truststore.location",
                        "/etc/kafka/ca.p12"),
                security);

        Properties consumer = RebuildReader.consumerProperties(security, "kafka:9093", 1000, UUID.randomUUID());
        assertEquals("SASL_SSL", consumer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", consumer.get("sasl.mechanism"));
        assertEquals("/etc/kafka/ca.p12", consumer.get("ssl.truststore.location"));
        assertEquals("kafka:9093", consumer.get("bootstrap.servers"));
        assertEquals("1000", consumer.get("max.poll.records"));
        assertFalse(consumer.containsKey("group.id"), "the rebuild reads without a consumer group");
    }
}
