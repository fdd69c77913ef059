package org.lvs.infra.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.lvs.infra.jwt.LocalJwt;

/** Prints a bearer token for the local stack: {@code TokenMain --key-dir DIR ROLE...}. */
public final class TokenMain {
    private TokenMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        if (args.positional().isEmpty()) {
            System.err.println("usage: TokenMain --key-dir DIR ROLE...");
            System.exit(2);
        }
        LocalJwt jwt = LocalJwt.inDirectory(Path.of(args.require("key-dir")));
        String subject = args.get("subject", "local-" + String.join("-", args.positional()));
        System.out.println(jwt.sign(subject, args.positional(), Duration.ofHours(12)));
    }
}
