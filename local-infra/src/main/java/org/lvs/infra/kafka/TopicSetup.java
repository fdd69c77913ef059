package org.lvs.infra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.lvs.contract.Topics;

/** Creates the contract's topics (and their dead-letter topics) with their retention, idempotently. */
public final class TopicSetup {

    /** referrals.received is a transport for personal data, never a record: 7 days (interfaces.md). */
    public static final Duration PERSONAL_DATA_RETENTION = Duration.ofDays(7);

    private TopicSetup() {}

    public static void createAll(String bootstrap, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.all()) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1).configs(configFor(topic)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return; // another process created them first: that is the goal reached
            }
            throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> configFor(String topic) {
        if (Topics.carriesPersonalData(topic)) {
            return Map.of("retention.ms", Long.toString(PERSONAL_DATA_RETENTION.toMillis()));
        }
        return Map.of("retention.ms", "-1");
    }
}
