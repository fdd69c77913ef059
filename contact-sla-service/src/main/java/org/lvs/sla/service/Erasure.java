package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.contract.Topics;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.referral.Source;
import org.lvs.sla.persistence.AccessAudit;
import org.lvs.sla.persistence.CaseEntity;
import org.lvs.sla.persistence.Notes;
import org.lvs.sla.persistence.Persons;
import org.lvs.sla.persistence.ReferralTrack;
import org.lvs.sla.persistence.ReferralTracks;

/**
 * Erases a case's personal data and every trace in this service that could re-identify the victim (issue 11): the
 * victim's identity and contact details, notes and other free text, the police's source reference, and the reason
 * and terms of every search that found the case. Counts, clocks and the audit trail stay. The erasure reaches the
 * other services as {@code PersonalDataErased} on {@code cases.erasures}, through the outbox, in the caller's
 * transaction, which holds the case's (or the referral tracker's) lock.
 */
@ApplicationScoped
public class Erasure {

    private final ReferralTracks referralTracks;
    private final Persons persons;
    private final Notes notes;
    private final AccessAudit accessAudit;

    Erasure(ReferralTracks referralTracks, Persons persons, Notes notes, AccessAudit accessAudit) {
        this.referralTracks = referralTracks;
        this.persons = persons;
        this.notes = notes;
        this.accessAudit = accessAudit;
    }

    /**
     * Erases the case's personal data for good: a later copy of the referral on referrals.received is not stored. A
     * consumer passes the tracker it holds locked (and writes it back with its batch); a handler's action passes null,
     * and the tracker is marked here.
     *
     * @param reason {@link PersonalDataErased#ADMIN_REQUEST} or {@link PersonalDataErased#CONSENT_WITHDRAWN}
     * @return the event to enqueue
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingEvent erase(CaseEntity c, ReferralTrack track, String reason, Instant at) {
        eraseTraces(c.referralId);
        c.personalDataErased = true;
        c.sourceReference = null;
        if (track != null) {
            track.markErased();
        } else {
            referralTracks.markErased(c.referralId);
        }
        return event(c.referralId, c.source, reason, at);
    }

    /**
     * A later version without consent removed the victim stored for a referral that has no case: the traces go and the
     * erasure propagates, while a later version with consent may carry the data again (referral-contract.md).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutgoingEvent consentWithdrawnWithoutCase(UUID referralId, Source source, Instant at) {
        eraseTraces(referralId);
        return event(referralId, source, PersonalDataErased.CONSENT_WITHDRAWN, at);
    }

    private void eraseTraces(UUID referralId) {
        persons.deleteFor(referralId);
        notes.deleteFor(referralId);
        accessAudit.forgetSearchesFor(referralId);
    }

    private static OutgoingEvent event(UUID referralId, Source source, String reason, Instant at) {
        PersonalDataErased erased = new PersonalDataErased(referralId, source, reason, at);
        return new OutgoingEvent(Topics.CASES_ERASURES, referralId.toString(), erased.toEnvelope());
    }
}
