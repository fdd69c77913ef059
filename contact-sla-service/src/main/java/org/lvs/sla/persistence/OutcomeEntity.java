package org.lvs.sla.persistence;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.lvs.contract.casework.OutcomeStage;

/** The latest outcome scores of one stage of a case. */
@Entity
@Table(name = "case_outcome")
public class OutcomeEntity {

    @EmbeddedId
    public Key key;

    public Instant at;
    /** The scores as a JSON object of name to 1..10. */
    public String scores;

    public String recordedBy;

    @Embeddable
    public static class Key implements Serializable {
        public UUID referralId;

        @Enumerated(EnumType.STRING)
        public OutcomeStage stage;

        public Key() {}

        public Key(UUID referralId, OutcomeStage stage) {
            this.referralId = referralId;
            this.stage = stage;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(referralId, k.referralId) && stage == k.stage;
        }

        @Override
        public int hashCode() {
            return Objects.hash(referralId, stage);
        }
    }
}
