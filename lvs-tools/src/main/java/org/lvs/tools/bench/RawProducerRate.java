package org.lvs.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's raw producer rate, measured by Kafka's own {@code ProducerPerformance} (1 KiB records, acks=all, as
 * fast as it can) on the same broker in the same run, in a separate JVM so that it competes for the CPU like a client.
 */
final class RawProducerRate {

    /** ProducerPerformance's summary line: "500000 records sent, 41234.5 records/sec (40.27 MB/sec), ...". */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private RawProducerRate() {}

    static double measure(String bootstrap, String topic, long records) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--record-size",
                "1024",
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrap,
                "acks=all");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        double rate = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = SUMMARY.matcher(line);
                if (m.find() && Long.parseLong(m.group(1)) == records) {
                    rate = Double.parseDouble(m.group(2));
                }
            }
        }
        if (process.waitFor() != 0 || rate < 0) {
            throw new IOException("ProducerPerformance did not report a rate (exit " + process.exitValue() + ")");
        }
        return rate;
    }
}
