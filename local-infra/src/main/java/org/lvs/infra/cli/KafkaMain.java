package org.lvs.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.lvs.infra.kafka.KafkaBroker;
import org.lvs.infra.kafka.TopicSetup;

/** Runs the local broker of {@code ./lvs} in the foreground until SIGTERM, with the contract's topics created. */
public final class KafkaMain {
    private KafkaMain() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int port = args.intOption("port", 9092);
        KafkaBroker broker =
                KafkaBroker.start(Path.of(args.require("data-dir")), port, args.intOption("controller-port", 9093));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "kafka-stop"));
        TopicSetup.createAll(broker.bootstrapServers(), args.intOption("partitions", 3));
        System.out.println("READY kafka " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
