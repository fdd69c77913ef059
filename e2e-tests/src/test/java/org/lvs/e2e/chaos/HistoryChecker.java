package org.lvs.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.EventEnvelope;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.e2e.Api;
import org.lvs.e2e.KafkaTool;
import org.lvs.e2e.KafkaTool.Raw;

/**
 * Once the faults heal, judges the history of a chaos run against what the replay was told (each 202):
 * <ul>
 *   <li>every accepted referral led to exactly one effective decision (one {@code ReferralDecided} event id on
 *       {@code referrals.triaged}, and {@code GET /api/v1/triage/{id}}), and to exactly one case where one is due
 *       (one {@code CaseOpened} event id, and {@code GET /api/v1/cases/{id}}), none where none is;</li>
 *   <li>nothing was decided or opened that was never accepted;</li>
 *   <li>the figures count each referral once ({@code referrals.total} of the period equals the accepted count, its
 *       clock states add up to the cases due);</li>
 *   <li>no dead letter exists except the injected poison, which every consumer group dead-lettered;</li>
 *   <li>consumer lag is 0 for every group, the outbox of every service is empty, nothing is quarantined;</li>
 *   <li>every service is ready and live.</li>
 * </ul>
 * Every problem is collected, so one run names them all.
 */
final class HistoryChecker {

    private final ChaosStack stack;
    private final KafkaTool kafka;
    private final Map<String, Set<String>> poison;
    private final Api api = new Api(Duration.ofSeconds(30));
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Object> figures = new TreeMap<>();

    HistoryChecker(ChaosStack stack, KafkaTool kafka, Map<String, Set<String>> poison) {
        this.stack = stack;
        this.kafka = kafka;
        this.poison = poison;
    }

    /** Runs every check; the problems found (empty: the history holds). */
    List<String> check(Collection<Replay.Accepted> accepted, Duration healTimeout) {
        Instant start = Instant.now();
        awaitQuiet(healTimeout);
        figures.put("heal.seconds", Duration.between(start, Instant.now()).toSeconds());
        Map<String, Replay.Accepted> byId = accepted.stream()
                .collect(Collectors.toMap(Replay.Accepted::referralId, Function.identity(), (a, b) -> a));
        if (byId.size() != accepted.size()) {
            problems.add((accepted.size() - byId.size()) + " referralIds were answered for two sourceReferences");
        }
        figures.put("accepted", byId.size());
        figures.put(
                "casesDue",
                byId.values().stream().filter(Replay.Accepted::caseDue).count());
        checkTopics(byId);
        checkApi(byId);
        checkFigures(byId, Duration.ofMinutes(2));
        checkDeadLetters();
        checkOutboxTables();
        checkOutboxMetrics();
        List<String> lagging = kafka.laggingPartitions();
        if (!lagging.isEmpty()) {
            problems.add("consumer lag is not 0: " + lagging);
        }
        checkHealth();
        stack.log.note("checker: " + figures + (problems.isEmpty() ? ", no problem" : ", problems: " + problems));
        return List.copyOf(problems);
    }

    Map<String, Object> figures() {
        return Map.copyOf(figures);
    }

    /** Waits for lag 0, an empty outbox and every service ready and live, seen twice in a row 5 s apart. */
    private void awaitQuiet(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int quietInARow = 0;
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = notQuiet();
            quietInARow = last.isEmpty() ? quietInARow + 1 : 0;
            if (quietInARow >= 2) {
                stack.log.note("quiet: lag 0, outbox empty, every service ready and live");
                return;
            }
            InfraProcess.sleep(5_000);
        }
        problems.add("not quiet within " + timeout.toSeconds() + " s after the faults: " + last);
    }

    private String notQuiet() {
        List<String> reasons = new ArrayList<>();
        try {
            List<String> lagging = kafka.laggingPartitions();
            if (!lagging.isEmpty()) {
                reasons.add("lag " + lagging);
            }
        } catch (RuntimeException e) {
            reasons.add("broker: " + e.getMessage());
        }
        try {
            long backlog = outboxRows("outbox_event").values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            if (backlog != 0) {
                reasons.add("outbox backlog " + backlog);
            }
        } catch (SQLException e) {
            reasons.add("database: " + e.getMessage());
        }
        for (String service : stack.services()) {
            if (!stack.running().ready(service) || !stack.running().live(service)) {
                reasons.add(service + " not ready/live");
            }
        }
        return String.join("; ", reasons);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void checkTopics(Map<String, Replay.Accepted> accepted) {
        Map<String, Set<String>> received = eventIdsPerReferral(
                Topics.REFERRALS_RECEIVED, EventTypes.REFERRAL_RECEIVED, "referrals.received records");
        Map<String, Set<String>> decided = eventIdsPerReferral(
                Topics.REFERRALS_TRIAGED, EventTypes.REFERRAL_DECIDED, "referrals.triaged decisions");
        Map<String, Set<String>> opened =
                eventIdsPerReferral(Topics.CASES_EVENTS, EventTypes.CASE_OPENED, "cases.events CaseOpened");
        int missingReceived = 0;
        int missingDecision = 0;
        int doubleDecision = 0;
        int missingCase = 0;
        int doubleCase = 0;
        int caseNotDue = 0;
        List<String> examples = new ArrayList<>();
        for (Replay.Accepted referral : accepted.values()) {
            String id = referral.referralId();
            int r = received.getOrDefault(id, Set.of()).size();
            int d = decided.getOrDefault(id, Set.of()).size();
            int c = opened.getOrDefault(id, Set.of()).size();
            if (r != 1) {
                missingReceived++;
                example(examples, id + " has " + r + " ReferralReceived event ids");
            }
            if (d == 0) {
                missingDecision++;
                example(examples, id + " has no decision on referrals.triaged");
            } else if (d > 1) {
                doubleDecision++;
                example(examples, id + " has " + d + " decision event ids");
            }
            if (referral.caseDue() && c == 0) {
                missingCase++;
                example(examples, id + " has no CaseOpened");
            } else if (referral.caseDue() && c > 1) {
                doubleCase++;
                example(examples, id + " has " + c + " CaseOpened event ids");
            } else if (!referral.caseDue() && c > 0) {
                caseNotDue++;
                example(examples, id + " refused consent but has a CaseOpened");
            }
        }
        figures.put("topic.decided", decided.size());
        figures.put("topic.casesOpened", opened.size());
        addIfNonZero("accepted referrals without exactly one ReferralReceived", missingReceived);
        addIfNonZero("accepted referrals without a decision (lost)", missingDecision);
        addIfNonZero("accepted referrals decided more than once (duplicated)", doubleDecision);
        addIfNonZero("accepted referrals without the case due (lost)", missingCase);
        addIfNonZero("accepted referrals with more than one case (duplicated)", doubleCase);
        addIfNonZero("referrals without consent that opened a case", caseNotDue);
        Set<String> phantoms = new HashSet<>(decided.keySet());
        phantoms.addAll(opened.keySet());
        phantoms.addAll(received.keySet());
        phantoms.removeAll(accepted.keySet());
        addIfNonZero("referrals on the topics that no answer accepted", phantoms.size());
        if (!examples.isEmpty()) {
            problems.add("for example: " + examples);
        }
    }

    /** referralId → distinct event ids of that type on the topic (poison and unreadable records left aside). */
    private Map<String, Set<String>> eventIdsPerReferral(String topic, String type, String figure) {
        Map<String, Set<String>> ids = new HashMap<>();
        int records = 0;
        for (Raw record : kafka.readAll(topic)) {
            if (record.key() != null && record.key().startsWith(Poison.KEY_PREFIX)) {
                continue;
            }
            EventEnvelope envelope;
            try {
                envelope = EventJson.read(record.value());
            } catch (RuntimeException e) {
                problems.add("an unreadable record that is not the injected poison on " + topic + " at "
                        + record.partition() + "/" + record.offset());
                continue;
            }
            if (envelope.type().equals(type)) {
                records++;
                ids.computeIfAbsent(envelope.payload().path("referralId").asText(), k -> new HashSet<>())
                        .add(envelope.eventId().toString());
            }
        }
        figures.put(figure, records);
        return ids;
    }

    private void checkApi(Map<String, Replay.Accepted> accepted) {
        ConcurrentLinkedQueue<String> found = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        String handler = stack.bearer(Roles.CASE_HANDLER);
        for (Replay.Accepted referral : accepted.values()) {
            pool.submit(() -> {
                try {
                    HttpResponse<String> decision =
                            api.get(stack.url("triage-service") + "/api/v1/triage/" + referral.referralId(), handler);
                    if (decision.statusCode() != 200) {
                        found.add(referral.referralId() + ": decision answered " + decision.statusCode());
                        return;
                    }
                    String outcome = Api.json(decision).path("outcome").asText();
                    String expected = referral.caseDue() ? "CASE_OPENED" : "DECLINED_NO_CONSENT";
                    if (!outcome.equals(expected)) {
                        found.add(referral.referralId() + ": outcome " + outcome + ", expected " + expected);
                    }
                    HttpResponse<String> kase = api.get(
                            stack.url("contact-sla-service") + "/api/v1/cases/" + referral.referralId(), handler);
                    int expectedStatus = referral.caseDue() ? 200 : 404;
                    if (kase.statusCode() != expectedStatus) {
                        found.add(referral.referralId() + ": case answered " + kase.statusCode() + ", expected "
                                + expectedStatus);
                    }
                } catch (IOException | RuntimeException e) {
                    found.add(referral.referralId() + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
                problems.add("the API checks did not finish within 30 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        figures.put("api.mismatches", found.size());
        if (!found.isEmpty()) {
            problems.add(found.size() + " referral(s) whose decision or case the API does not answer as due, e.g. "
                    + found.stream().limit(5).toList());
        }
    }

    private void checkFigures(Map<String, Replay.Accepted> accepted, Duration timeout) {
        long casesDue =
                accepted.values().stream().filter(Replay.Accepted::caseDue).count();
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (true) {
            try {
                HttpResponse<String> response = api.get(
                        stack.url("metrics-service") + "/api/v1/metrics/summary?period=" + Replay.PERIOD,
                        stack.bearer(Roles.OPS));
                if (response.statusCode() == 200) {
                    JsonNode summary = Api.json(response);
                    long total = summary.path("referrals").path("total").asLong(-1);
                    long clocks = 0;
                    for (JsonNode count : summary.path("sla")) {
                        clocks += count.asLong();
                    }
                    figures.put("metrics.referrals.total", total);
                    figures.put("metrics.sla.sum", clocks);
                    if (total == accepted.size() && clocks == casesDue) {
                        return;
                    }
                    last = "referrals.total " + total + " (accepted " + accepted.size() + "), clock states add up to "
                            + clocks + " (cases due " + casesDue + ")";
                } else {
                    last = "summary answered " + response.statusCode();
                }
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                problems.add("the figures do not count each referral once: " + last);
                return;
            }
            InfraProcess.sleep(2_000);
        }
    }

    private void checkDeadLetters() {
        int deadLetters = 0;
        for (String topic : kafka.topics().stream()
                .filter(t -> t.endsWith(Topics.DLQ_SUFFIX))
                .sorted()
                .toList()) {
            String source = topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length());
            Set<String> injected = poison.getOrDefault(source, Set.of());
            Map<String, Set<String>> groupsPerPoison = new HashMap<>();
            for (Raw record : kafka.readAll(topic)) {
                deadLetters++;
                if (record.key() != null && injected.contains(record.key())) {
                    groupsPerPoison
                            .computeIfAbsent(record.key(), k -> new HashSet<>())
                            .add(record.headers().get("dead-letter-group"));
                } else {
                    problems.add("a dead letter that is not the injected poison on " + topic + ": reason "
                            + record.headers().get("dead-letter-reason") + ", group "
                            + record.headers().get("dead-letter-group") + ", stage "
                            + record.headers().get("dead-letter-stage") + ", cause "
                            + record.headers().get("dead-letter-cause"));
                }
            }
            if (!injected.isEmpty()) {
                Set<String> readers = kafka.groupsReading(source);
                for (String key : injected) {
                    Set<String> groups = groupsPerPoison.getOrDefault(key, Set.of());
                    if (!groups.containsAll(readers)) {
                        problems.add("the poison " + key + " on " + source + " was dead-lettered by " + groups
                                + ", not by every group reading it " + readers);
                    }
                }
            }
        }
        figures.put("deadLetters", deadLetters);
    }

    private void checkOutboxTables() {
        try {
            Map<String, Long> backlog = outboxRows("outbox_event");
            Map<String, Long> quarantine = outboxRows("outbox_quarantine");
            figures.put("outbox.schemas", backlog.keySet());
            backlog.forEach((schema, rows) -> {
                if (rows != 0) {
                    problems.add("outbox backlog of " + schema + " is " + rows);
                }
            });
            quarantine.forEach((schema, rows) -> {
                if (rows != 0) {
                    problems.add(rows + " outbox row(s) quarantined in " + schema);
                }
            });
        } catch (SQLException e) {
            problems.add("cannot read the outbox tables: " + e);
        }
    }

    /** Every service's {@code lvs_outbox_backlog} on {@code /q/metrics} is 0 (where it publishes that gauge). */
    private void checkOutboxMetrics() {
        for (String service : stack.services()) {
            try {
                HttpResponse<String> metrics = api.get(stack.url(service) + "/q/metrics", null);
                for (String line : metrics.body().lines().toList()) {
                    if (line.startsWith("lvs_outbox_backlog")
                            && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) != 0) {
                        problems.add(service + " reports " + line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add(service + ": cannot read /q/metrics: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** schema → rows of that commons table, in every schema that has it. */
    private Map<String, Long> outboxRows(String table) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection =
                        DriverManager.getConnection(stack.directJdbcUrl(), ChaosDatabase.USER, ChaosDatabase.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            List<String> schemas = new ArrayList<>();
            try (ResultSet found = statement.executeQuery(
                    "select table_schema from information_schema.tables " + "where table_name = '" + table + "'")) {
                while (found.next()) {
                    schemas.add(found.getString(1));
                }
            }
            for (String schema : schemas) {
                try (ResultSet count = statement.executeQuery("select count(*) from \"" + schema + "\"." + table)) {
                    count.next();
                    rows.put(schema, count.getLong(1));
                }
            }
        }
        return rows;
    }

    private void checkHealth() {
        for (String service : stack.services()) {
            int ready = stack.running().health(service, "ready");
            int live = stack.running().health(service, "live");
            if (ready != 200 || live != 200) {
                problems.add(service + " is not ready and live (ready " + ready + ", live " + live + ")");
            }
        }
    }

    private void addIfNonZero(String what, long count) {
        if (count != 0) {
            problems.add(count + " " + what);
        }
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 5) {
            examples.add(text);
        }
    }
}
