package org.lvs.infra.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options and positional words of the small command-line mains. */
record Args(Map<String, String> options, List<String> positional) {

    static Args parse(String[] argv) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].startsWith("--") && i + 1 < argv.length) {
                options.put(argv[i].substring(2), argv[++i]);
            } else {
                positional.add(argv[i]);
            }
        }
        return new Args(options, positional);
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = options.get(name);
        if (value == null) {
            System.err.println("missing --" + name);
            System.exit(2);
        }
        return value;
    }

    int intOption(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }
}
