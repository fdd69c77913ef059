package org.lvs.sla.service;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lvs.contract.casework.ClockState;
import org.lvs.contract.event.EventJson;
import org.lvs.sla.config.CapacityPolicy;
import org.lvs.sla.domain.ContactClock;
import org.lvs.sla.domain.Hours;
import org.lvs.sla.domain.WorkingTime;
import org.lvs.sla.persistence.CaseEntity;
import org.lvs.sla.persistence.ContactEntity;
import org.lvs.sla.persistence.Contacts;
import org.lvs.sla.persistence.OutcomeEntity;
import org.lvs.sla.persistence.Outcomes;
import org.lvs.sla.persistence.PersonEntity;
import org.lvs.sla.persistence.Persons;
import org.lvs.sla.persistence.ServiceRequests;
import org.lvs.sla.rest.dto.CaseView;

/** Builds {@link CaseView}s inside the caller's transaction. */
@ApplicationScoped
public class CaseViews {

    private final Persons persons;
    private final Contacts contacts;
    private final ServiceRequests services;
    private final Outcomes outcomes;
    private final WorkingTime workingTime;
    private final CapacityPolicy capacity;

    CaseViews(
            Persons persons,
            Contacts contacts,
            ServiceRequests services,
            Outcomes outcomes,
            WorkingTime workingTime,
            CapacityPolicy capacity) {
        this.persons = persons;
        this.contacts = contacts;
        this.services = services;
        this.outcomes = outcomes;
        this.workingTime = workingTime;
        this.capacity = capacity;
    }

    public CaseView view(CaseEntity c, Instant now) {
        PersonEntity p = persons.findByIdOptional(c.referralId).orElse(null);
        // every action answers with this view, so a table the case's own counts say is empty is not read
        List<CaseView.Contact> caseContacts = c.attempts + c.contactsMade == 0
                ? List.of()
                : contacts.forCaseWithNotes(c.referralId).stream()
                        .map(CaseViews::contact)
                        .toList();
        List<CaseView.Service> caseServices = c.servicesRequested == 0
                ? List.of()
                : services.forCase(c.referralId).stream()
                        .map(s -> new CaseView.Service(
                                s.service.name(),
                                s.requestedAt,
                                s.startedAt,
                                Hours.of(Duration.between(s.requestedAt, s.startedAt != null ? s.startedAt : now))))
                        .toList();
        Map<String, CaseView.Outcome> caseOutcomes = new LinkedHashMap<>();
        if (c.outcomeStages > 0) {
            for (OutcomeEntity o : outcomes.forCase(c.referralId)) {
                caseOutcomes.put(o.key.stage.name(), new CaseView.Outcome(o.at, scores(o.scores), o.recordedBy));
            }
        }
        return new CaseView(
                c.referralId,
                c.decisionVersion,
                c.decisionRevision,
                c.source,
                c.status,
                c.priority,
                c.strand,
                c.pathway,
                c.provider,
                c.area,
                c.riskLevel,
                c.screened,
                c.consentConfirmed,
                c.worker,
                capacity.of(c.pathway),
                c.openedAt,
                c.closedAt,
                c.closureReason,
                c.personalDataErased,
                CaseContext.view(c, p),
                victim(p),
                c.attempts,
                c.contactsMade,
                caseContacts,
                clock(c, now),
                caseServices,
                caseOutcomes);
    }

    public CaseView.Clock clock(CaseEntity c, Instant now) {
        ContactClock clock = c.clock(workingTime);
        Instant due = clock.dueAtAsOf(now);
        Double remaining = null;
        Double overdue = null;
        if (c.clockState == ClockState.MET_LATE && c.firstContactAt != null) {
            overdue = Hours.of(Duration.between(due, c.firstContactAt));
        } else if (c.clockState == ClockState.BREACHED) {
            overdue = Hours.of(Duration.between(due, c.firstContactAt != null ? c.firstContactAt : now));
        } else if (!clock.isStopped()) {
            Duration left = Duration.between(now, due);
            if (left.isNegative()) {
                overdue = Hours.of(left.negated());
            } else {
                remaining = Hours.of(left);
            }
        }
        return new CaseView.Clock(
                c.clockState,
                c.startedAt,
                due,
                c.atRiskAt,
                c.targetHours,
                remaining,
                overdue,
                clock.pausedSecondsAt(now),
                clock.isPaused(),
                c.breachedAt,
                c.firstContactAt);
    }

    private static CaseView.Contact contact(Contacts.WithNote row) {
        ContactEntity x = row.contact();
        List<String> support = x.supportTypes == null || x.supportTypes.isBlank()
                ? List.of()
                : Arrays.asList(x.supportTypes.split(","));
        return new CaseView.Contact(
                x.id,
                x.at,
                x.channel.name(),
                x.outcome.name(),
                x.contactMade,
                support,
                x.handler,
                row.note(),
                x.recordedBy);
    }

    private static CaseView.Victim victim(PersonEntity p) {
        if (p == null) {
            return null;
        }
        CaseView.Address address = p.addressLine1 == null && p.postcode == null && p.town == null
                ? null
                : new CaseView.Address(p.addressLine1, p.addressLine2, p.town, p.postcode);
        return new CaseView.Victim(p.personRef, p.firstName, p.lastName, p.phone, p.email, address, p.preferredContact);
    }

    static Map<String, Integer> scores(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() {});
        } catch (Exception e) {
            return Map.of();
        }
    }
}
