package org.lvs.tools.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ./lvs bench} runs: how many referrals, in batches of what size, how many batches in flight, how many
 * raw records, how many single referrals at what rate (0 singles: none), against which ingest and broker, with which referrer token, watching which processes, and where to count
 * the plumbing's rows (a database URL and a role that may read every service's schema; password from the environment).
 */
public record BenchSettings(
        int referrals,
        int batchSize,
        int inFlight,
        long rawRecords,
        int singles,
        double singlesRate,
        String ingest,
        String bootstrap,
        String token,
        Map<String, Long> pids,
        String dbUrl,
        String dbUser,
        String dbPassword) {

    public static BenchSettings from(Map<String, String> options, String token) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : options.getOrDefault("pids", "").split(",")) {
            String[] nameAndPid = pair.split("=");
            if (nameAndPid.length == 2) {
                pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
            }
        }
        return new BenchSettings(
                Integer.parseInt(options.getOrDefault("referrals", "20000")),
                Integer.parseInt(options.getOrDefault("batch", "1000")),
                Integer.parseInt(options.getOrDefault("in-flight", "4")),
                Long.parseLong(options.getOrDefault("raw-records", "500000")),
                Integer.parseInt(options.getOrDefault("singles", "6000")),
                Double.parseDouble(options.getOrDefault("singles-rate", "200")),
                options.getOrDefault("ingest", "http://127.0.0.1:8081"),
                options.getOrDefault("bootstrap", "127.0.0.1:9092"),
                token,
                pids,
                options.get("db-url"),
                options.getOrDefault("db-user", "postgres"),
                System.getenv().getOrDefault("LVS_BENCH_DB_PASSWORD", ""));
    }
}
