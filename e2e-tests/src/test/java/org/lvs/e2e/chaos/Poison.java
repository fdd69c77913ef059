package org.lvs.e2e.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.lvs.contract.Topics;
import org.lvs.e2e.KafkaTool;

/**
 * The only dead letters a chaos run may leave: per consumed topic, one record that is not JSON, keyed
 * {@code poison-…}, sent before the faults so that consumers meet it while they are hurt. (The poison matrix of each
 * consumer, with every kind of poison, is tested in the services; here it only has to stay alone in its .dlq.)
 */
final class Poison {

    static final String KEY_PREFIX = "poison-";
    static final List<String> TOPICS =
            List.of(Topics.REFERRALS_RECEIVED, Topics.REFERRALS_INTAKE, Topics.REFERRALS_TRIAGED, Topics.CASES_EVENTS);

    private Poison() {}

    /** Sends the poison; topic → the keys sent there. */
    static Map<String, Set<String>> inject(KafkaTool kafka) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (String topic : TOPICS) {
            Map<String, String> records = new LinkedHashMap<>();
            records.put(KEY_PREFIX + "not-json-" + UUID.randomUUID(), "{this is not json");
            kafka.send(topic, records);
            keys.put(topic, records.keySet());
        }
        return keys;
    }
}
