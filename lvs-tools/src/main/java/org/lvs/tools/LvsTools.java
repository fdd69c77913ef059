package org.lvs.tools;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lvs.tools.bench.BenchSettings;
import org.lvs.tools.bench.PipelineBench;
import org.lvs.tools.deadletters.DeadLetterCommand;
import org.lvs.tools.feed.CsvExtract;
import org.lvs.tools.feed.Feed;
import org.lvs.tools.feed.FeedFigures;
import org.lvs.tools.feed.FeedGenerator;
import org.lvs.tools.feed.FeedSettings;
import org.lvs.tools.replay.Figures;
import org.lvs.tools.replay.Replayer;

/**
 * Operator tools behind {@code ./lvs demo}.
 *
 * <pre>
 * generate [--seed N] [--scale F] [--csv DIR] [--with-received-at]   print the feed's figures, optionally write CSV
 * replay   [--seed N] [--scale F] [--ingest URL] [--cases URL] [--concurrency N]
 *          (admin bearer token from env LVS_TOKEN)                     post the feed through the public API
 * figures  [--metrics URL] [--wait SECONDS]  (ops token in LVS_TOKEN)  the headline figures of 2017-18-Q2
 * replayed [--metrics URL]                   (ops token in LVS_TOKEN)  exit 0 when 2017-18 is already replayed
 * bench    [--referrals N] [--batch N] [--in-flight N] [--raw-records N] [--singles N] [--singles-rate R]
 *          [--ingest URL] [--bootstrap HOST:PORT] [--pids NAME=PID,...]  (referrer token in LVS_TOKEN)
 *                                                                        the whole-pipeline benchmark
 * dead-letters list [--topic T] | replay (--all | --topic T [--offsets P:O,...])   see {@link DeadLetterCommand}
 * </pre>
 */
public final class LvsTools {

    private LvsTools() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return;
        }
        // The Kafka clients' own logging: warnings of ours, errors of theirs (their retries are not news).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        if (args[0].equals("dead-letters")) {
            System.exit(DeadLetterCommand.run(
                    List.of(args).subList(1, args.length), System.out, System.err, Clock.systemUTC()));
        }
        Map<String, String> options = options(args);
        FeedSettings settings = FeedSettings.seedReport(
                Long.parseLong(options.getOrDefault("seed", String.valueOf(FeedSettings.DEFAULT_SEED))));
        if (options.containsKey("scale")) {
            settings = settings.scaled(Double.parseDouble(options.get("scale")));
        }
        switch (args[0]) {
            case "generate" -> {
                Feed feed = FeedGenerator.generate(settings);
                System.out.println(FeedFigures.of(feed).describe());
                if (options.containsKey("csv")) {
                    List<Path> files = CsvExtract.write(
                            feed, Path.of(options.get("csv")), options.containsKey("with-received-at"));
                    files.forEach(f -> System.out.println("wrote " + f));
                }
            }
            case "replay" -> {
                String token = token();
                Feed feed = FeedGenerator.generate(settings);
                Replayer replayer = new Replayer(
                        options.getOrDefault("ingest", "http://127.0.0.1:8081"),
                        options.getOrDefault("cases", "http://127.0.0.1:8083"),
                        token.trim(),
                        Integer.parseInt(options.getOrDefault("concurrency", "24")));
                boolean ok = replayer.replay(feed);
                System.exit(ok ? 0 : 1);
            }
            case "figures" -> {
                // Prints the headline; with --wait, first waits for the figures to settle.
                Figures figures = new Figures(options.getOrDefault("metrics", "http://127.0.0.1:8084"), token());
                if (options.containsKey("wait")
                        && !figures.awaitSettled(Duration.ofSeconds(Long.parseLong(options.get("wait"))))) {
                    System.err.println("the figures were still moving; showing them as they are");
                }
                System.out.println(figures.headline());
            }
            case "bench" ->
                System.exit(new PipelineBench(BenchSettings.from(options, token()), System.out).run() ? 0 : 1);
            case "replayed" -> {
                // Exit 0 when the 2017-18 history is already in metrics-service (so ./lvs demo skips the replay).
                long n = new Figures(options.getOrDefault("metrics", "http://127.0.0.1:8084"), token())
                        .referrals("2017-18");
                System.out.println(n);
                System.exit(n >= settings.q1Referrals() + settings.q2Referrals() ? 0 : 1);
            }
            default -> {
                System.err.println("unknown command: " + args[0]);
                usage();
                System.exit(2);
            }
        }
    }

    private static String token() {
        String token = System.getenv("LVS_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("needs a bearer token in LVS_TOKEN (./lvs token admin for replay, ops for figures)");
            System.exit(2);
        }
        return token.trim();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            if (name.equals("with-received-at")) {
                options.put(name, "true");
            } else if (i + 1 < rest.size()) {
                options.put(name, rest.get(++i));
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
        }
        return options;
    }

    private static void usage() {
        System.out.println("""
                usage: lvs-tools generate [--seed N] [--scale F] [--csv DIR] [--with-received-at]
                       lvs-tools replay [--seed N] [--scale F] [--ingest URL] [--cases URL] [--concurrency N]
                                 (role admin bearer token in env LVS_TOKEN)
                       lvs-tools figures [--metrics URL] [--wait SECONDS]   (ops token in LVS_TOKEN)
                       lvs-tools replayed [--metrics URL]                   (ops token in LVS_TOKEN)
                       lvs-tools bench [--referrals N] [--batch N] [--in-flight N] [--raw-records N]
                                 [--singles N] [--singles-rate R] [--ingest URL] [--bootstrap HOST:PORT] [--pids NAME=PID,...]
                                 (referrer token in LVS_TOKEN)
                       lvs-tools dead-letters list [--topic T]
                       lvs-tools dead-letters replay (--all | --topic T [--offsets P:O[,P:O...]])""");
    }
}
