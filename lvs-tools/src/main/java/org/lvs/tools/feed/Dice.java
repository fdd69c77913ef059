package org.lvs.tools.feed;

import java.util.List;
import java.util.Random;

/** A seeded source of choices. {@link Random} is specified bit for bit, so a seed gives the same feed on any JVM. */
final class Dice {

    private final Random random;

    Dice(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Skewed towards {@code from}: most values early, a long tail towards {@code to}. */
    double skewed(double from, double to, double power) {
        return from + (to - from) * Math.pow(random.nextDouble(), power);
    }

    int between(int from, int toInclusive) {
        return from + random.nextInt(toInclusive - from + 1);
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A weighted choice: {@code values[i]} with weight {@code weights[i]}. */
    <T> T weighted(List<T> values, double... weights) {
        if (values.size() != weights.length) {
            throw new IllegalArgumentException("one weight per value");
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    <T> void shuffle(List<T> values) {
        java.util.Collections.shuffle(values, random);
    }
}
