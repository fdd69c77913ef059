package org.lvs.tools.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.lvs.contract.Topics;

/**
 * Lists and replays the dead letters of every {@code <topic>.dlq} with plain Kafka clients (README, failure policy).
 *
 * <p>A replay re-publishes the letter to its source topic with its original key, value and headers, in its original
 * partition, plus {@value #REPLAYED_FROM}; the consumer group that gave up on it processes it again, and the groups
 * that had already processed it drop it as a duplicate (every consumer is idempotent). What was replayed is committed
 * as the offsets of the consumer group {@value #REPLAYER_GROUP} on the dead-letter topics ({@link ReplayLedger}), only
 * after the broker acknowledged the re-published records: a letter is never replayed twice by {@code --all}, and a
 * replay cut short is redone in full (the consumers drop what they already have).
 */
public final class DeadLetterTool implements AutoCloseable {

    /** The consumer group whose committed offsets on the {@code .dlq} topics say what was replayed. */
    public static final String REPLAYER_GROUP = "lvs-dead-letter-replayer";
    /** The header on a replayed record (commons {@code DeadLetters.REPLAYED_FROM}): {@code <dlq topic>:<p>:<o>}. */
    public static final String REPLAYED_FROM = "lvs-replayed-from";

    static final String H_REASON = "dead-letter-reason";
    static final String H_GROUP = "dead-letter-group";
    static final String H_STAGE = "dead-letter-stage";
    static final String H_TOPIC = "dead-letter-topic";
    static final String H_PARTITION = "dead-letter-partition";
    static final String H_OFFSET = "dead-letter-offset";
    static final String H_AT = "dead-letter-at";
    private static final String DEAD_LETTER_PREFIX = "dead-letter-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The broker's default offset.metadata.max.bytes is 4096. */
    private static final int METADATA_LIMIT = 4000;

    /** A letter to replay, by its place in a dead-letter topic. */
    public record Position(int partition, long offset) {

        /** {@code P:O[,P:O...]}. */
        public static List<Position> parseAll(String text) {
            List<Position> positions = new ArrayList<>();
            for (String part : text.split(",")) {
                String[] po = part.trim().split(":");
                if (po.length != 2) {
                    throw new IllegalArgumentException("'" + part.trim() + "' is not PARTITION:OFFSET");
                }
                try {
                    positions.add(new Position(Integer.parseInt(po[0].trim()), Long.parseLong(po[1].trim())));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + part.trim() + "' is not PARTITION:OFFSET");
                }
            }
            return positions;
        }

        @Override
        public String toString() {
            return partition + ":" + offset;
        }
    }

    /** What a replay did: per dead-letter topic, how many letters went back and how many were replayed before. */
    public record Replay(Map<String, Integer> replayed, Map<String, Integer> skipped) {

        public int total() {
            return replayed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Properties client;
    private final Clock clock;
    private final Admin admin;

    public DeadLetterTool(Properties client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.admin = Admin.create(client);
    }

    /**
     * The dead-letter topics that exist: all of them, or the one of {@code topic} (a source topic like
     * {@code referrals.intake} or its {@code .dlq}).
     */
    public List<String> dlqTopics(String topic) {
        Set<String> existing = await(admin.listTopics().names());
        if (topic != null) {
            String dlq = topic.endsWith(Topics.DLQ_SUFFIX) ? topic : Topics.dlq(topic);
            if (!existing.contains(dlq)) {
                throw new IllegalArgumentException("no dead-letter topic " + dlq + " on the broker; the dead-letter "
                        + "topics are " + Topics.MAIN.stream().map(Topics::dlq).toList());
            }
            return List.of(dlq);
        }
        return Topics.MAIN.stream().map(Topics::dlq).filter(existing::contains).toList();
    }

    /** Every letter of the dead-letter topics ({@code topic} null: all), in partition and offset order. */
    public List<DeadLetter> list(String topic) {
        List<DeadLetter> letters = new ArrayList<>();
        for (String dlq : dlqTopics(topic)) {
            letters.addAll(read(dlq).letters());
        }
        return letters;
    }

    /** Replays every letter not replayed yet, of every dead-letter topic or of {@code topic}'s. */
    public Replay replayAll(String topic) {
        Map<String, Integer> replayed = new LinkedHashMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        for (String dlq : dlqTopics(topic)) {
            Snapshot snapshot = read(dlq);
            List<DeadLetter> letters = snapshot.letters();
            List<DeadLetter> due = letters.stream().filter(l -> !l.replayed()).toList();
            republish(due);
            // Up to the ends read, not the ends now: a letter that arrived meanwhile was not replayed.
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            snapshot.ends()
                    .forEach((tp, end) ->
                            commits.put(tp, snapshot.ledger(tp).upTo(end).toCommit()));
            commit(commits);
            replayed.put(dlq, due.size());
            skipped.put(dlq, letters.size() - due.size());
        }
        return new Replay(replayed, skipped);
    }

    /**
     * Replays the letters at {@code positions} of {@code topic}'s dead-letter topic. Every position must hold a
     * letter, else nothing is replayed; letters replayed before are skipped.
     */
    public Replay replay(String topic, List<Position> positions) {
        String dlq = dlqTopics(topic).get(0);
        Snapshot snapshot = read(dlq);
        Map<Position, DeadLetter> byPosition = snapshot.letters().stream()
                .collect(Collectors.toMap(l -> new Position(l.partition(), l.offset()), l -> l));
        List<Position> missing =
                positions.stream().filter(p -> !byPosition.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no dead letter at "
                    + missing.stream().map(Position::toString).collect(Collectors.joining(",")) + " in " + dlq
                    + " (see ./lvs dead-letters list --topic "
                    + dlq + "); nothing was replayed");
        }
        List<DeadLetter> chosen =
                positions.stream().distinct().map(byPosition::get).toList();
        List<DeadLetter> due = chosen.stream().filter(l -> !l.replayed()).toList();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        due.stream()
                .collect(Collectors.groupingBy(
                        DeadLetter::partition,
                        Collectors.mapping(DeadLetter::offset, Collectors.toCollection(TreeSet::new))))
                .forEach((partition, offsets) -> {
                    TopicPartition tp = new TopicPartition(dlq, partition);
                    OffsetAndMetadata commit = snapshot.ledger(tp).with(offsets).toCommit();
                    if (commit.metadata().length() > METADATA_LIMIT) {
                        throw new IllegalArgumentException("too many letters of " + tp + " replayed one by one "
                                + "for the replayer's ledger; replay the rest of the topic with --topic " + dlq
                                + " (without --offsets)");
                    }
                    commits.put(tp, commit);
                });
        republish(due);
        commit(commits);
        return new Replay(Map.of(dlq, due.size()), Map.of(dlq, chosen.size() - due.size()));
    }

    /** A dead-letter topic as read: its letters up to {@code ends}, and the replayer's ledgers then. */
    private record Snapshot(
            List<DeadLetter> letters, Map<TopicPartition, Long> ends, Map<TopicPartition, ReplayLedger> ledgers) {

        ReplayLedger ledger(TopicPartition tp) {
            return ledgers.getOrDefault(tp, ReplayLedger.of(null));
        }
    }

    private Snapshot read(String dlq) {
        Map<TopicPartition, ReplayLedger> ledgers = ledgers(dlq);
        Map<TopicPartition, Long> ends = endOffsets(dlq);
        List<DeadLetter> letters = new ArrayList<>();
        if (ends.values().stream().allMatch(end -> end == 0)) {
            return new Snapshot(letters, ends, ledgers);
        }
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lvs-dead-letters-reader");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + dlq + " to its end within "
                            + TIMEOUT.multipliedBy(4).toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < ends.get(tp)) {
                        letters.add(letter(r, ledgers.getOrDefault(tp, ReplayLedger.of(null))));
                    }
                }
            }
        }
        letters.sort(Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset));
        return new Snapshot(letters, ends, ledgers);
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private DeadLetter letter(ConsumerRecord<byte[], byte[]> r, ReplayLedger ledger) {
        Headers h = r.headers();
        String source = r.topic().substring(0, r.topic().length() - Topics.DLQ_SUFFIX.length());
        Instant at = Instant.ofEpochMilli(r.timestamp());
        String atHeader = header(h, H_AT);
        if (atHeader != null) {
            try {
                at = Instant.parse(atHeader);
            } catch (DateTimeParseException e) {
                // the record's timestamp then
            }
        }
        String originPartition = header(h, H_PARTITION);
        String originOffset = header(h, H_OFFSET);
        Integer partition = null;
        try {
            partition = originPartition == null ? null : Integer.valueOf(originPartition);
        } catch (NumberFormatException e) {
            // placed by its key then
        }
        String origin = originPartition == null || originOffset == null ? null : originPartition + ":" + originOffset;
        return new DeadLetter(
                r.topic(),
                r.partition(),
                r.offset(),
                source,
                orDash(header(h, H_GROUP)),
                orDash(header(h, H_STAGE)),
                orDash(header(h, H_REASON)),
                at,
                origin,
                partition,
                ledger.replayed(r.offset()),
                r.key(),
                r.value(),
                h);
    }

    private void republish(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        Map<String, Integer> partitionCounts = new HashMap<>();
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "lvs-dead-letter-replayer");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (DeadLetter letter : letters) {
                int count = partitionCounts.computeIfAbsent(letter.sourceTopic(), this::partitionCount);
                Integer partition = letter.originPartition() != null
                                && letter.originPartition() >= 0
                                && letter.originPartition() < count
                        ? letter.originPartition()
                        : null;
                sent.add(producer.send(new ProducerRecord<>(
                        letter.sourceTopic(), partition, letter.key(), letter.value(), replayHeaders(letter))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                await(f);
            }
        }
    }

    /** The letter's own headers without the dead-letter ones, and where it was replayed from. */
    static Headers replayHeaders(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX) && !header.key().equals(REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, (letter.dlqTopic() + ":" + letter.position()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private int partitionCount(String topic) {
        Map<String, TopicDescription> described =
                await(admin.describeTopics(List.of(topic)).allTopicNames());
        return described.get(topic).partitions().size();
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, TIMEOUT);
        }
    }

    private Map<TopicPartition, ReplayLedger> ledgers(String dlq) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(REPLAYER_GROUP).partitionsToOffsetAndMetadata());
        Map<TopicPartition, ReplayLedger> ledgers = new HashMap<>();
        committed.forEach((tp, commit) -> {
            if (tp.topic().equals(dlq) && commit != null) {
                ledgers.put(tp, ReplayLedger.of(commit));
            }
        });
        return ledgers;
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> commits) {
        if (!commits.isEmpty()) {
            await(admin.alterConsumerGroupOffsets(REPLAYER_GROUP, commits).all());
        }
    }

    private static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    /** How long ago, e.g. {@code 2d03h}, {@code 5h12m}, {@code 42m}, {@code 17s}. */
    public String age(DeadLetter letter) {
        Duration d = Duration.between(letter.at(), clock.instant());
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return "%dd%02dh".formatted(d.toDays(), d.toHoursPart());
        }
        if (d.toHours() > 0) {
            return "%dh%02dm".formatted(d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return "%dm".formatted(d.toMinutes());
        }
        return "%ds".formatted(d.toSeconds());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    e.getCause().getClass().getSimpleName() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
