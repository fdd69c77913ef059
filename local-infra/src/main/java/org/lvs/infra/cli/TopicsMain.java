package org.lvs.infra.cli;

import org.lvs.infra.kafka.TopicSetup;

/** Creates the contract's topics on an existing broker (idempotent). */
public final class TopicsMain {
    private TopicsMain() {}

    public static void main(String[] argv) {
        Args args = Args.parse(argv);
        String bootstrap = args.require("bootstrap");
        TopicSetup.createAll(bootstrap, args.intOption("partitions", 3));
        System.out.println("READY topics " + bootstrap);
    }
}
