package org.lvs.commons.messaging;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a client reaches the broker (security protocol, SASL, TLS) taken from Quarkus' default Kafka configuration
 * ({@code kafka.*} properties and the {@code KAFKA_*} environment), so the services' own producers and consumers reach
 * a TLS/SCRAM broker exactly like their channels do, and nothing of how a client behaves.
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {}

    public static Map<String, Object> of(Map<String, Object> kafkaDefaults) {
        Map<String, Object> security = new TreeMap<>();
        kafkaDefaults.forEach((key, value) -> {
            if (isSecuritySetting(key)) {
                security.put(key, value);
            }
        });
        return Map.copyOf(security);
    }

    static boolean isSecuritySetting(String key) {
        return key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.");
    }
}
