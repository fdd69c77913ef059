package org.lvs.contract.referral;

import java.util.List;

/** The crime of a referral. {@code description} is free text: personal data, never sent without consent. */
public record Crime(CrimeCategory category, List<HateStrand> hateStrands, String description) {

    public Crime {
        hateStrands = hateStrands == null ? List.of() : List.copyOf(hateStrands);
    }

    /** The first listed hate strand, or null: it picks the hate-crime provider and the report's breakdown. */
    public HateStrand firstHateStrand() {
        return hateStrands.isEmpty() ? null : hateStrands.get(0);
    }
}
