package org.lvs.infra.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.lvs.infra.jwt.LocalJwt;
import org.lvs.infra.jwt.LocalJwt.Claims;

/**
 * Prints a bearer token for the local stack:
 * {@code TokenMain --key-dir DIR [--source S[,S...]] [--valid-for PT1H] ROLE...}. A {@code referrer} token names
 * the sources it may act for: those of {@code --source}, or all five without it (interfaces.md, Roles).
 */
public final class TokenMain {
    private TokenMain() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        if (args.positional().isEmpty()) {
            System.err.println("usage: TokenMain --key-dir DIR [--source S[,S...]] [--valid-for PT1H] ROLE...");
            System.exit(2);
        }
        List<String> roles = args.positional();
        List<String> sources = null;
        String sourceOption = args.get("source", null);
        if (sourceOption != null) {
            sources = Arrays.stream(sourceOption.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            List<String> unknown = sources.stream()
                    .filter(s -> !LocalJwt.ALL_SOURCES.contains(s))
                    .toList();
            if (!unknown.isEmpty()) {
                System.err.println("unknown source(s) " + unknown + "; the sources are " + LocalJwt.ALL_SOURCES);
                System.exit(2);
            }
        } else if (roles.contains("referrer")) {
            sources = LocalJwt.ALL_SOURCES;
        }
        Duration validFor = Duration.parse(args.get("valid-for", LocalJwt.DEFAULT_VALIDITY.toString()));
        LocalJwt jwt = LocalJwt.inDirectory(Path.of(args.require("key-dir")));
        String subject = args.get("subject", "local-" + String.join("-", roles));
        System.out.println(jwt.sign(Claims.of(subject, roles).sources(sources).validFor(validFor)));
    }
}
