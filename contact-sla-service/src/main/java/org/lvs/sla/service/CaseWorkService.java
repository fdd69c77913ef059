package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.rest.validation.EnumNames;
import org.lvs.commons.rest.validation.TimeText;
import org.lvs.contract.FieldError;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.casework.ClosureReason;
import org.lvs.contract.casework.ContactChannel;
import org.lvs.contract.casework.ContactOutcome;
import org.lvs.contract.casework.OnwardService;
import org.lvs.contract.casework.OutcomeStage;
import org.lvs.contract.casework.SupportType;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.EventTypes;
import org.lvs.contract.event.PersonalDataErased;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.triage.Pathway;
import org.lvs.sla.config.SlaConfig;
import org.lvs.sla.domain.WorkingTime;
import org.lvs.sla.messaging.CaseEventEmitter;
import org.lvs.sla.messaging.EventDetail;
import org.lvs.sla.persistence.AccessAudit;
import org.lvs.sla.persistence.AuditEntries;
import org.lvs.sla.persistence.CaseEntity;
import org.lvs.sla.persistence.Cases;
import org.lvs.sla.persistence.ContactEntity;
import org.lvs.sla.persistence.Contacts;
import org.lvs.sla.persistence.NoteEntity;
import org.lvs.sla.persistence.Notes;
import org.lvs.sla.persistence.OutcomeEntity;
import org.lvs.sla.persistence.Outcomes;
import org.lvs.sla.persistence.ServiceRequestEntity;
import org.lvs.sla.persistence.ServiceRequests;
import org.lvs.sla.rest.dto.CaseAuditEntry;
import org.lvs.sla.rest.dto.CaseRequests;
import org.lvs.sla.rest.dto.CaseView;

/**
 * The case handlers' actions (sla-policy.md, case actions). Each is its validation and a short {@link Change}; the
 * shape they share is {@link #act}: lock the case (409 when closed), change it, judge the clock by the action's own
 * {@code at}, emit the matching events through the outbox, audit, and answer the case as GET shows it, all in one
 * transaction. Checks run in the order: 403 ({@code at} without admin), 400, 404, 409.
 */
@ApplicationScoped
@Transactional
public class CaseWorkService {

    private final Cases cases;
    private final Contacts contacts;
    private final Notes notes;
    private final ServiceRequests services;
    private final Outcomes outcomes;
    private final AuditEntries auditEntries;
    private final CaseRules rules;
    private final CaseEventEmitter emitter;
    private final AuditTrail audit;
    private final CaseViews views;
    private final WorkingTime workingTime;
    private final Clock clock;
    private final AccessAudit accessAudit;
    private final Erasure erasure;
    private final SlaConfig config;
    private final Validator validator;

    CaseWorkService(
            Cases cases,
            Contacts contacts,
            Notes notes,
            ServiceRequests services,
            Outcomes outcomes,
            AuditEntries auditEntries,
            CaseRules rules,
            CaseEventEmitter emitter,
            AuditTrail audit,
            CaseViews views,
            WorkingTime workingTime,
            Clock clock,
            AccessAudit accessAudit,
            Erasure erasure,
            SlaConfig config,
            Validator validator) {
        this.cases = cases;
        this.contacts = contacts;
        this.notes = notes;
        this.services = services;
        this.outcomes = outcomes;
        this.auditEntries = auditEntries;
        this.rules = rules;
        this.emitter = emitter;
        this.audit = audit;
        this.views = views;
        this.workingTime = workingTime;
        this.clock = clock;
        this.accessAudit = accessAudit;
        this.erasure = erasure;
        this.config = config;
        this.validator = validator;
    }

    /** The case as a handler reads it; the read is audited in the same transaction (issue 11). */
    public CaseView get(UUID referralId, Actor actor) {
        CaseEntity c = cases.findByIdOptional(referralId).orElseThrow(() -> notFound(referralId));
        CaseView view = views.view(c, clock.instant());
        accessAudit.caseRead(referralId, actor, view.victim() != null);
        return view;
    }

    public CaseView recordContact(UUID referralId, CaseRequests.ContactRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        ContactChannel channel = EnumNames.parse(ContactChannel.class, r.channel());
        ContactOutcome outcome = EnumNames.parse(ContactOutcome.class, r.outcome());
        List<SupportType> support = r.supportTypes() == null
                ? List.of()
                : r.supportTypes().stream()
                        .map(t -> EnumNames.parse(SupportType.class, t))
                        .distinct()
                        .toList();
        String handler = r.handler() == null || r.handler().isBlank()
                ? actor.id()
                : r.handler().trim();
        return act(referralId, at, actor, (c, contactClock) -> {
            if (c.status == CaseStatus.SCREENING || c.status == CaseStatus.AWAITING_CONSENT) {
                throw ProblemException.conflict("the case is in " + c.status
                        + ": nobody may contact the victim before the screening or the consent check");
            }
            ContactEntity contact = contact(c, at, channel, outcome, support, handler, actor);
            note(referralId, "CONTACT", contact.id, at, r.note());
            if (contact.contactMade) {
                c.contactsMade++;
                contactClock.contactMade(at);
            } else {
                c.attempts++;
            }
            if (c.lastContactAt == null || at.isAfter(c.lastContactAt)) {
                c.lastContactAt = at;
            }
            return Done.event(
                    EventTypes.CONTACT_RECORDED,
                    EventDetail.contact(channel, outcome, support, handler),
                    "CONTACT_RECORDED",
                    "channel=" + channel + " outcome=" + outcome + " supportTypes=" + contact.supportTypes);
        });
    }

    public CaseView screen(UUID referralId, CaseRequests.ScreeningRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        return act(referralId, at, actor, (c, contactClock) -> {
            if (c.status != CaseStatus.SCREENING) {
                throw ProblemException.conflict("the case is in " + c.status + ", not in SCREENING");
            }
            note(referralId, "SCREENING", null, at, r.note());
            if (!r.safeToContact()) {
                return Done.auditOnly("SCREENED", "safeToContact=false; stays in SCREENING");
            }
            c.screened = true;
            rules.moveTo(c, contactClock, rules.derivedStatus(c), at);
            return Done.event(
                    EventTypes.CASE_UPDATED, EventDetail.NONE, "SCREENED", "safeToContact=true; status=" + c.status);
        });
    }

    public CaseView consent(UUID referralId, CaseRequests.ConsentRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        return act(referralId, at, actor, (c, contactClock) -> {
            if (c.status != CaseStatus.AWAITING_CONSENT) {
                throw ProblemException.conflict("the case is in " + c.status + ", not in AWAITING_CONSENT");
            }
            if (!r.confirmed()) {
                rules.close(c, contactClock, ClosureReason.CONSENT_WITHDRAWN, at);
                return Done.event(
                                EventTypes.CASE_CLOSED,
                                EventDetail.closure(ClosureReason.CONSENT_WITHDRAWN),
                                "CONSENT_REFUSED",
                                "closed CONSENT_WITHDRAWN; personal data erased")
                        .erasing(PersonalDataErased.CONSENT_WITHDRAWN);
            }
            c.consentConfirmed = true;
            rules.moveTo(c, contactClock, rules.derivedStatus(c), at);
            return Done.event(EventTypes.CASE_UPDATED, EventDetail.NONE, "CONSENT_CONFIRMED", "status=" + c.status);
        });
    }

    public CaseView assign(UUID referralId, CaseRequests.AssignmentRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        String worker = r.worker().trim();
        return act(referralId, at, actor, (c, contactClock) -> {
            String previous = c.worker;
            c.worker = worker;
            c.assignedAt = at;
            return Done.event(
                    EventTypes.CASE_ASSIGNED,
                    EventDetail.NONE,
                    "ASSIGNED",
                    "worker=" + worker + (previous != null ? " (was " + previous + ")" : ""));
        });
    }

    public CaseView regrade(UUID referralId, CaseRequests.PathwayRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        Pathway pathway = EnumNames.parse(Pathway.class, r.pathway());
        RiskLevel risk = EnumNames.parse(RiskLevel.class, r.riskLevel());
        return act(referralId, at, actor, (c, contactClock) -> {
            String detail = "pathway " + c.pathway + " -> " + pathway
                    + (risk != null ? "; riskLevel " + c.riskLevel + " -> " + risk : "");
            c.pathway = pathway;
            c.strand = CaseRules.strandOf(pathway);
            if (risk != null) {
                c.riskLevel = risk;
            }
            c.pathwayRegraded = true;
            note(referralId, "REGRADE", null, at, r.reason());
            return Done.event(
                    EventTypes.CASE_UPDATED, EventDetail.NONE, "REGRADED", detail + " (reason kept in the case notes)");
        });
    }

    public CaseView requestService(UUID referralId, CaseRequests.ServiceRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        OnwardService service = EnumNames.parse(OnwardService.class, r.service());
        return act(referralId, at, actor, (c, contactClock) -> {
            ServiceRequestEntity s = new ServiceRequestEntity();
            s.referralId = referralId;
            s.service = service;
            s.requestedAt = at;
            services.persist(s);
            c.servicesRequested++;
            return Done.event(
                    EventTypes.SERVICE_REQUESTED,
                    EventDetail.service(service),
                    "SERVICE_REQUESTED",
                    "service=" + service);
        });
    }

    /** {@code r} names the service (from the path) and {@code at} (from the body, which may be absent). */
    public CaseView startService(UUID referralId, CaseRequests.ServiceRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        OnwardService service = EnumNames.parse(OnwardService.class, r.service());
        return act(referralId, at, actor, (c, contactClock) -> {
            ServiceRequestEntity pending = services.forCase(referralId).stream()
                    .filter(s -> s.service == service && s.startedAt == null)
                    .findFirst()
                    .orElseThrow(() -> ProblemException.conflict("no request for " + service + " is waiting to start"));
            pending.startedAt = at;
            return Done.event(
                    EventTypes.SERVICE_STARTED, EventDetail.service(service), "SERVICE_STARTED", "service=" + service);
        });
    }

    public CaseView recordOutcome(UUID referralId, CaseRequests.OutcomeRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        OutcomeStage stage = EnumNames.parse(OutcomeStage.class, r.stage());
        Map<String, Integer> scores = new LinkedHashMap<>();
        r.scores().forEach((name, value) -> scores.put(name, value.intValue()));
        return act(referralId, at, actor, (c, contactClock) -> {
            OutcomeEntity o = outcomes.of(referralId, stage).orElse(null);
            if (o == null) {
                o = new OutcomeEntity();
                o.key = new OutcomeEntity.Key(referralId, stage);
                fillOutcome(o, at, scores, actor);
                outcomes.persist(o);
                c.outcomeStages++;
            } else if (!at.isBefore(o.at)) {
                fillOutcome(o, at, scores, actor); // the latest of each stage counts
            }
            return Done.event(
                    EventTypes.OUTCOME_RECORDED,
                    EventDetail.outcomeScores(stage, scores),
                    "OUTCOME_RECORDED",
                    "stage=" + stage + " scores=" + scores);
        });
    }

    public CaseView close(UUID referralId, CaseRequests.ClosureRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        ClosureReason reason = EnumNames.parse(ClosureReason.class, r.reason());
        return act(referralId, at, actor, (c, contactClock) -> {
            rules.close(c, contactClock, reason, at);
            Done done =
                    Done.event(EventTypes.CASE_CLOSED, EventDetail.closure(reason), "CASE_CLOSED", "reason=" + reason);
            return reason == ClosureReason.CONSENT_WITHDRAWN
                    ? done.erasing(PersonalDataErased.CONSENT_WITHDRAWN)
                    : done;
        });
    }

    /** Erasure (admin): names, contact details, notes and free text gone; counts and clocks stay. Also when closed. */
    public CaseView erase(UUID referralId, Actor actor) {
        CaseEntity c = cases.lock(referralId).orElseThrow(() -> notFound(referralId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        emitter.emitAll(List.of(erasure.erase(c, null, PersonalDataErased.ADMIN_REQUEST, now)));
        audit.record(
                referralId,
                now,
                actor.id(),
                "PERSONAL_DATA_ERASED",
                "identity, contact details, notes, source reference and search terms deleted");
        return views.view(c, clock.instant());
    }

    public List<CaseAuditEntry> audit(UUID referralId) {
        cases.findByIdOptional(referralId).orElseThrow(() -> notFound(referralId));
        return auditEntries.forCase(referralId).stream()
                .map(a -> new CaseAuditEntry(a.at, a.recordedAt, a.actor, a.action, a.detail))
                .toList();
    }

    /** What an action changes on its locked, open case; the clock is already judged at the action's {@code at}. */
    @FunctionalInterface
    private interface Change {
        Done apply(CaseEntity c, CaseClock contactClock);
    }

    /**
     * What an action did: its event on cases.events (null for none, then the clock is left as it was), the audit
     * entry, and the erasure it causes (the reason, or null).
     */
    private record Done(
            String eventType, EventDetail detail, String auditAction, String auditDetail, String erasureReason) {

        static Done event(String eventType, EventDetail detail, String auditAction, String auditDetail) {
            return new Done(eventType, detail, auditAction, auditDetail, null);
        }

        static Done auditOnly(String auditAction, String auditDetail) {
            return new Done(null, null, auditAction, auditDetail, null);
        }

        Done erasing(String reason) {
            return new Done(eventType, detail, auditAction, auditDetail, reason);
        }
    }

    /**
     * The shape every action shares. The clock is judged at {@code at}, never at the real now (a replayed action must
     * not breach a clock early); clock events the clock reached before the action go out before the action's own
     * event, the rest after it, and an erasure's event last.
     */
    private CaseView act(UUID referralId, Instant at, Actor actor, Change change) {
        CaseEntity c = lockOpen(referralId);
        CaseClock contactClock = CaseClock.of(c, workingTime);
        contactClock.judge(at);
        Done done = change.apply(c, contactClock);
        if (done.eventType() != null) {
            CaseClock.Settled events =
                    contactClock.settle(at, clock.instant(), config.detector().replaySettle());
            OutgoingEvent erased =
                    done.erasureReason() == null ? null : erasure.erase(c, null, done.erasureReason(), at);
            // one outbox statement for all of them: a contact that meets the clock publishes two events
            List<OutgoingEvent> outgoing = new ArrayList<>();
            emitter.collectClock(c, events.before(), outgoing);
            emitter.collect(c, done.eventType(), at, done.detail(), outgoing);
            emitter.collectClock(c, events.after(), outgoing);
            if (erased != null) {
                outgoing.add(erased);
            }
            emitter.emitAll(outgoing);
        }
        audit.record(referralId, at, actor.id(), done.auditAction(), done.auditDetail());
        return views.view(c, clock.instant());
    }

    private ContactEntity contact(
            CaseEntity c,
            Instant at,
            ContactChannel channel,
            ContactOutcome outcome,
            List<SupportType> support,
            String handler,
            Actor actor) {
        ContactEntity contact = new ContactEntity();
        contact.referralId = c.referralId;
        contact.at = at;
        contact.channel = channel;
        contact.outcome = outcome;
        contact.contactMade = outcome.isContactMade();
        contact.supportTypes = support.stream().map(Enum::name).collect(Collectors.joining(","));
        contact.handler = handler;
        contact.recordedBy = actor.id();
        contact.recordedAt = clock.instant();
        contacts.persist(contact);
        return contact;
    }

    private static void fillOutcome(OutcomeEntity o, Instant at, Map<String, Integer> scores, Actor actor) {
        o.at = at;
        o.scores = EventJson.write(scores);
        o.recordedBy = actor.id();
    }

    /** Keeps a note (personal data: erased with the victim); a blank one is not kept. */
    private void note(UUID referralId, String kind, Long refId, Instant at, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        NoteEntity n = new NoteEntity();
        n.referralId = referralId;
        n.kind = kind;
        n.refId = refId;
        n.at = at;
        n.text = text;
        notes.persist(n);
    }

    private CaseEntity lockOpen(UUID referralId) {
        CaseEntity c = cases.lock(referralId).orElseThrow(() -> notFound(referralId));
        if (c.isClosed()) {
            throw ProblemException.conflict("the case is CLOSED (" + c.closureReason + "): only erasure is possible");
        }
        return c;
    }

    /**
     * The action's time, once the body is checked in the documented order: a body is required (400), only admin may
     * set {@code at} (403, historical replay), then every bad field in one 400. Without {@code at}, now by the
     * injected clock.
     */
    private <T extends CaseRequests.Timed> Instant validAt(T body, Actor actor) {
        if (body == null) {
            throw ProblemException.badRequest(List.of(new FieldError("body", "is required")));
        }
        if (body.at() != null && !body.at().isBlank() && !actor.admin()) {
            throw ProblemException.forbidden("only admin may set 'at' (historical replay)");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Instant given = TimeText.instant(body.at());
        return (given != null ? given : clock.instant()).truncatedTo(ChronoUnit.MICROS);
    }

    static ProblemException notFound(UUID referralId) {
        return ProblemException.notFound("no case for referral " + referralId + " (yet)");
    }
}
