package org.lvs.metrics.domain;

import java.math.BigDecimal;

/** {@code count} of {@code of}, with {@code percent} half-up to one decimal (null when {@code of} is 0). */
public record Share(long count, long of, BigDecimal percent) {

    public Share {
        if (count < 0 || of < 0 || count > of) {
            throw new IllegalArgumentException("a share needs 0 <= count <= of");
        }
    }

    public static Share of(long count, long of) {
        return new Share(count, of, Stats.percent(count, of));
    }
}
