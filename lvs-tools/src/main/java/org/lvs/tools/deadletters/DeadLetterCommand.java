package org.lvs.tools.deadletters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.lvs.tools.deadletters.DeadLetterTool.Position;
import org.lvs.tools.deadletters.DeadLetterTool.Replay;

/**
 * {@code ./lvs dead-letters}: the operator's view of the dead-letter topics.
 *
 * <pre>
 * dead-letters list [--topic T]                                  per .dlq topic: position, origin, consumer group,
 *                                                                stage, age, replayed or not, reason (never the value)
 * dead-letters replay --all                                      every letter not replayed yet, of every .dlq topic
 * dead-letters replay --topic T [--offsets P:O[,P:O...]]         of one topic: all not replayed yet, or those chosen
 * options: --bootstrap HOST:PORT (default $LVS_KAFKA_BOOTSTRAP or 127.0.0.1:9092)
 *          --client-config FILE  Kafka client properties (TLS, SASL) for a secured cluster
 * </pre>
 */
public final class DeadLetterCommand {

    static final String USAGE = """
            usage: dead-letters list [--topic T]
                   dead-letters replay (--all | --topic T [--offsets P:O[,P:O...]])
              T is a topic (referrals.intake) or its dead-letter topic (referrals.intake.dlq); P:O a letter's
              partition and offset in the dead-letter topic, as list prints them.
              options: --bootstrap HOST:PORT   (default $LVS_KAFKA_BOOTSTRAP, else 127.0.0.1:9092)
                       --client-config FILE    Kafka client properties (security.protocol, sasl.*, ssl.*)""";

    private DeadLetterCommand() {}

    /** Runs the command; answers the exit code (0 done, 1 failed, 2 wrong usage). */
    public static int run(List<String> args, PrintStream out, PrintStream err, Clock clock) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String verb = args.get(0);
        Map<String, String> options;
        try {
            options = options(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("dead-letters: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Properties client;
        try {
            client = clientConfig(options);
        } catch (IOException e) {
            err.println("dead-letters: cannot read --client-config " + options.get("client-config") + ": " + e);
            return 2;
        }
        try (DeadLetterTool tool = new DeadLetterTool(client, clock)) {
            switch (verb) {
                case "list" -> {
                    if (options.containsKey("all") || options.containsKey("offsets")) {
                        err.println("dead-letters: list takes only --topic");
                        return 2;
                    }
                    list(tool, options.get("topic"), out);
                    return 0;
                }
                case "replay" -> {
                    return replay(tool, options, out, err);
                }
                default -> {
                    err.println("dead-letters: unknown command '" + verb + "'");
                    err.println(USAGE);
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("dead-letters: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("dead-letters: failed: " + e.getMessage());
            return 1;
        }
    }

    private static void list(DeadLetterTool tool, String topic, PrintStream out) {
        int total = 0;
        int pending = 0;
        Map<String, List<DeadLetter>> byTopic = new LinkedHashMap<>();
        for (String dlq : tool.dlqTopics(topic)) {
            byTopic.put(dlq, new ArrayList<>());
        }
        for (DeadLetter letter : tool.list(topic)) {
            byTopic.get(letter.dlqTopic()).add(letter);
        }
        for (Map.Entry<String, List<DeadLetter>> e : byTopic.entrySet()) {
            List<DeadLetter> letters = e.getValue();
            long replayed = letters.stream().filter(DeadLetter::replayed).count();
            total += letters.size();
            pending += letters.size() - (int) replayed;
            if (letters.isEmpty()) {
                out.println(e.getKey() + ": no dead letters");
                continue;
            }
            out.printf(
                    "%s: %d dead letter%s, %d replayed%n",
                    e.getKey(), letters.size(), letters.size() == 1 ? "" : "s", replayed);
            out.printf(
                    "  %-10s %-10s %-20s %-6s %-7s %-8s %s%n",
                    "POSITION", "FROM", "GROUP", "STAGE", "AGE", "REPLAYED", "REASON");
            for (DeadLetter l : letters) {
                out.printf(
                        "  %-10s %-10s %-20s %-6s %-7s %-8s %s%n",
                        l.position(),
                        l.origin() == null ? "-" : l.origin(),
                        l.group(),
                        l.stage(),
                        tool.age(l),
                        l.replayed() ? "yes" : "no",
                        l.reason());
            }
        }
        out.printf("%d dead letter%s, %d not replayed.%n", total, total == 1 ? "" : "s", pending);
        if (pending > 0) {
            out.println("Replay: ./lvs dead-letters replay --topic T --offsets P:O[,P:O...]   or   "
                    + "./lvs dead-letters replay --all");
        }
    }

    private static int replay(DeadLetterTool tool, Map<String, String> options, PrintStream out, PrintStream err) {
        boolean all = options.containsKey("all");
        String topic = options.get("topic");
        String offsets = options.get("offsets");
        if (all == (topic != null) || (offsets != null && topic == null)) {
            err.println("dead-letters: replay takes either --all, or --topic T with optional --offsets P:O,...");
            err.println(USAGE);
            return 2;
        }
        Replay replay;
        if (offsets != null) {
            List<Position> positions;
            try {
                positions = Position.parseAll(offsets);
            } catch (IllegalArgumentException e) {
                err.println("dead-letters: --offsets: " + e.getMessage());
                return 2;
            }
            replay = tool.replay(topic, positions);
        } else {
            replay = tool.replayAll(all ? null : topic);
        }
        replay.replayed().forEach((dlq, n) -> {
            int skipped = replay.skipped().getOrDefault(dlq, 0);
            if (n > 0 || skipped > 0) {
                out.printf(
                        "%s: replayed %d to %s%s%n",
                        dlq,
                        n,
                        dlq.substring(0, dlq.length() - 4),
                        skipped > 0 ? " (" + skipped + " replayed before, skipped)" : "");
            }
        });
        out.printf(
                "Replayed %d dead letter%s. The consumer group that gave up on each processes it again; the "
                        + "groups that had processed it drop it as a duplicate.%n",
                replay.total(), replay.total() == 1 ? "" : "s");
        return 0;
    }

    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--all" -> options.put("all", "true");
                case "--topic", "--offsets", "--bootstrap", "--client-config" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException("missing value for " + a);
                    }
                    options.put(a.substring(2), args.get(++i));
                }
                default -> throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
        }
        return options;
    }

    static Properties clientConfig(Map<String, String> options) throws IOException {
        Properties props = new Properties();
        if (options.containsKey("client-config")) {
            try (Reader reader = Files.newBufferedReader(Path.of(options.get("client-config")))) {
                props.load(reader);
            }
        }
        String bootstrap = options.get("bootstrap");
        if (bootstrap == null) {
            bootstrap = props.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        }
        if (bootstrap == null) {
            String env = System.getenv("LVS_KAFKA_BOOTSTRAP");
            bootstrap = env == null || env.isBlank() ? "127.0.0.1:9092" : env;
        }
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return props;
    }
}
