package org.lvs.contract.referral;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/** Age bands that replace a date of birth where personal data may not travel (referral-contract.md). */
public enum AgeBand {
    UNDER_18("0-17"),
    FROM_18_TO_24("18-24"),
    FROM_25_TO_34("25-34"),
    FROM_35_TO_44("35-44"),
    FROM_45_TO_54("45-54"),
    FROM_55_TO_64("55-64"),
    FROM_65("65+"),
    UNKNOWN("UNKNOWN");

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final String label;

    AgeBand(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static AgeBand fromLabel(String label) {
        for (AgeBand band : values()) {
            if (band.label.equals(label) || band.name().equals(label)) {
                return band;
            }
        }
        throw new IllegalArgumentException("unknown age band " + label);
    }

    /**
     * The victim's age in whole years at {@code at} (Europe/London date): from {@code dateOfBirth} when given, else
     * {@code age}; null when neither is known.
     */
    public static Integer ageAt(LocalDate dateOfBirth, Integer age, Instant at) {
        if (dateOfBirth != null) {
            LocalDate onDay = at.atZone(LONDON).toLocalDate();
            return Period.between(dateOfBirth, onDay).getYears();
        }
        return age;
    }

    public static AgeBand of(Integer years) {
        if (years == null || years < 0) {
            return UNKNOWN;
        }
        if (years < 18) {
            return UNDER_18;
        }
        if (years < 25) {
            return FROM_18_TO_24;
        }
        if (years < 35) {
            return FROM_25_TO_34;
        }
        if (years < 45) {
            return FROM_35_TO_44;
        }
        if (years < 55) {
            return FROM_45_TO_54;
        }
        if (years < 65) {
            return FROM_55_TO_64;
        }
        return FROM_65;
    }

    public static AgeBand at(LocalDate dateOfBirth, Integer age, Instant at) {
        return of(ageAt(dateOfBirth, age, at));
    }
}
