package org.lvs.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SinglePostLatencyTest {

    @Test
    void latenciesFallInTheWindowTheirRequestWasDueInEachSorted() {
        Map<Integer, List<Double>> windows = SinglePostLatency.byWindow(List.of(
                new double[] {0.0, 30.0},
                new double[] {4.99, 10.0},
                new double[] {5.0, 700.0},
                new double[] {12.5, 8.0},
                new double[] {9.2, 20.0}));

        assertEquals(Map.of(0, List.of(10.0, 30.0), 1, List.of(20.0, 700.0), 2, List.of(8.0)), windows);
    }

    @Test
    void theReportShowsEachWindowWithTheSendersLateness() {
        List<Double> all = List.of(8.0, 10.0, 20.0, 30.0, 700.0);
        SinglePostLatency.Result result = new SinglePostLatency.Result(
                all,
                new TreeMap<>(Map.of(0, List.of(10.0, 30.0), 1, List.of(8.0, 20.0, 700.0))),
                Map.of(0, 3.5, 1, 0.25),
                Map.of(202, 5),
                200);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SinglePostLatency.report(new PrintStream(bytes, true, StandardCharsets.UTF_8), 5, 200, result);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(
                "      0-  5 s      10.0 /     30.0 /     30.0  (2)  sender late 3.5 ms", lines.get(lines.size() - 2));
        assertEquals(
                "      5- 10 s      20.0 /    700.0 /    700.0  (3)  sender late 0.3 ms", lines.get(lines.size() - 1));
    }
}
