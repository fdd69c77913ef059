package org.lvs.e2e.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Kafka broker of local-infra ({@code org.lvs.infra.cli.KafkaMain}, KRaft, the contract's topics created) as a
 * process of its own on fixed ports and a data directory, so it can be restarted with its data.
 */
final class ChaosBroker implements AutoCloseable {

    private final InfraProcess process;
    private final int port;

    private ChaosBroker(InfraProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static ChaosBroker start(Path dir, int port, int controllerPort) throws IOException {
        InfraProcess process = InfraProcess.of(
                "kafka",
                "org.lvs.infra.cli.KafkaMain",
                List.of(
                        "--data-dir",
                        dir.resolve("kafka-data").toString(),
                        "--port",
                        Integer.toString(port),
                        "--controller-port",
                        Integer.toString(controllerPort)),
                dir.resolve("logs/kafka.log"));
        ChaosBroker broker = new ChaosBroker(process, port);
        process.start(Duration.ofSeconds(120));
        return broker;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** A clean stop (SIGTERM: controlled shutdown) and a start on the same ports with the same data. */
    void restart() throws IOException {
        process.stop(Duration.ofSeconds(60));
        process.start(Duration.ofSeconds(120));
    }

    @Override
    public void close() {
        process.close();
    }
}
