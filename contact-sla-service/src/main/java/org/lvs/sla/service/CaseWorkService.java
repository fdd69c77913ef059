package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lvs.commons.messaging.OutgoingEvent;
import org.lvs.commons.problem.ProblemException;
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
import org.lvs.sla.persistence.CaseEntity;
import org.lvs.sla.persistence.CaseRepository;
import org.lvs.sla.persistence.ContactEntity;
import org.lvs.sla.persistence.NoteEntity;
import org.lvs.sla.persistence.OutcomeEntity;
import org.lvs.sla.persistence.ServiceRequestEntity;
import org.lvs.sla.rest.dto.CaseAuditEntry;
import org.lvs.sla.rest.dto.CaseRequests;
import org.lvs.sla.rest.dto.CaseView;
import org.lvs.sla.rest.validation.TimeText;

/**
 * The case handlers' actions (sla-policy.md, case actions). Each locks the case, checks the action fits its status,
 * changes it, judges the clock by the action's own {@code at} and emits the matching events through the outbox, all
 * in one transaction. Checks run in the order: 403 ({@code at} without admin), 400, 404, 409.
 */
@ApplicationScoped
@Transactional
public class CaseWorkService {

    @Inject
    CaseRepository repository;
    @Inject
    CaseRules rules;
    @Inject
    CaseEventEmitter emitter;
    @Inject
    AuditTrail audit;
    @Inject
    CaseViews views;
    @Inject
    WorkingTime workingTime;
    @Inject
    Clock clock;
    @Inject
    AccessAudit accessAudit;
    @Inject
    Erasure erasure;
    @Inject
    SlaConfig config;
    @Inject
    Validator validator;

    /** The case as a handler reads it; the read is audited in the same transaction (issue 11). */
    public CaseView get(UUID referralId, Actor actor) {
        CaseEntity c = repository.findCase(referralId).orElseThrow(() -> notFound(referralId));
        CaseView view = views.view(c, clock.instant());
        accessAudit.caseRead(referralId, actor, view.victim() != null);
        return view;
    }

    public CaseView recordContact(UUID referralId, CaseRequests.ContactRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        ContactChannel channel = ContactChannel.valueOf(r.channel().trim());
        ContactOutcome outcome = ContactOutcome.valueOf(r.outcome().trim());
        List<SupportType> support = r.supportTypes() == null ? List.of()
                : r.supportTypes().stream().map(t -> SupportType.valueOf(t.trim())).distinct().toList();
        String handler = blankToNull(r.handler());
        String note = blankToNull(r.note());

        CaseEntity c = lockOpen(referralId);
        if (c.status == CaseStatus.SCREENING || c.status == CaseStatus.AWAITING_CONSENT) {
            throw ProblemException.conflict("the case is in " + c.status
                    + ": nobody may contact the victim before the screening or the consent check");
        }
        ContactEntity contact = new ContactEntity();
        contact.referralId = referralId;
        contact.at = at;
        contact.channel = channel;
        contact.outcome = outcome;
        contact.contactMade = outcome.isContactMade();
        contact.supportTypes = support.stream().map(Enum::name).collect(Collectors.joining(","));
        contact.handler = handler != null ? handler.trim() : actor.id();
        contact.recordedBy = actor.id();
        contact.recordedAt = clock.instant();
        repository.persist(contact);
        if (note != null) {
            note(referralId, "CONTACT", contact.id, at, note);
        }
        if (contact.contactMade) {
            c.contactsMade++;
        } else {
            c.attempts++;
        }
        if (c.lastContactAt == null || at.isAfter(c.lastContactAt)) {
            c.lastContactAt = at;
        }
        CaseClock contactClock = CaseClock.of(c, workingTime);
        contactClock.judge(at);
        if (contact.contactMade) {
            contactClock.contactMade(at);
        }
        CaseClock.Settled events = settle(contactClock, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.CONTACT_RECORDED, at,
                EventDetail.contact(channel, outcome, support, contact.handler));
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "CONTACT_RECORDED",
                "channel=" + channel + " outcome=" + outcome + " supportTypes=" + contact.supportTypes);
        return views.view(c, clock.instant());
    }

    public CaseView screen(UUID referralId, CaseRequests.ScreeningRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        String note = blankToNull(r.note());

        CaseEntity c = lockOpen(referralId);
        if (c.status != CaseStatus.SCREENING) {
            throw ProblemException.conflict("the case is in " + c.status + ", not in SCREENING");
        }
        if (note != null) {
            note(referralId, "SCREENING", null, at, note);
        }
        if (!r.safeToContact()) {
            audit.record(referralId, at, actor.id(), "SCREENED", "safeToContact=false; stays in SCREENING");
            return views.view(c, clock.instant());
        }
        c.screened = true;
        CaseClock contactClock = CaseClock.of(c, workingTime);
        contactClock.judge(at);
        rules.moveTo(c, contactClock, rules.derivedStatus(c), at);
        CaseClock.Settled events = settle(contactClock, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.CASE_UPDATED, at, EventDetail.NONE);
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "SCREENED", "safeToContact=true; status=" + c.status);
        return views.view(c, clock.instant());
    }

    public CaseView consent(UUID referralId, CaseRequests.ConsentRequest r, Actor actor) {
        Instant at = validAt(r, actor);

        CaseEntity c = lockOpen(referralId);
        if (c.status != CaseStatus.AWAITING_CONSENT) {
            throw ProblemException.conflict("the case is in " + c.status + ", not in AWAITING_CONSENT");
        }
        CaseClock contactClock = CaseClock.of(c, workingTime);
        if (!r.confirmed()) {
            rules.close(c, contactClock, ClosureReason.CONSENT_WITHDRAWN, at);
            CaseClock.Settled events = settle(contactClock, at);
            OutgoingEvent erased = erasure.erase(c, null, PersonalDataErased.CONSENT_WITHDRAWN, at);
            emitter.emitClock(c, events.before());
            emitter.emit(c, EventTypes.CASE_CLOSED, at, EventDetail.closure(ClosureReason.CONSENT_WITHDRAWN));
            emitter.emitClock(c, events.after());
            emitter.emit(erased);
            audit.record(referralId, at, actor.id(), "CONSENT_REFUSED",
                    "closed CONSENT_WITHDRAWN; personal data erased");
            return views.view(c, clock.instant());
        }
        c.consentConfirmed = true;
        contactClock.judge(at);
        rules.moveTo(c, contactClock, rules.derivedStatus(c), at);
        CaseClock.Settled events = settle(contactClock, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.CASE_UPDATED, at, EventDetail.NONE);
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "CONSENT_CONFIRMED", "status=" + c.status);
        return views.view(c, clock.instant());
    }

    public CaseView assign(UUID referralId, CaseRequests.AssignmentRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        String worker = r.worker();

        CaseEntity c = lockOpen(referralId);
        String previous = c.worker;
        c.worker = worker.trim();
        c.assignedAt = at;
        CaseClock.Settled events = catchUp(c, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.CASE_ASSIGNED, at, EventDetail.NONE);
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "ASSIGNED",
                "worker=" + c.worker + (previous != null ? " (was " + previous + ")" : ""));
        return views.view(c, clock.instant());
    }

    public CaseView regrade(UUID referralId, CaseRequests.PathwayRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        Pathway pathway = Pathway.valueOf(r.pathway().trim());
        RiskLevel risk = blankToNull(r.riskLevel()) == null ? null : RiskLevel.valueOf(r.riskLevel().trim());
        String reason = r.reason();

        CaseEntity c = lockOpen(referralId);
        String detail = "pathway " + c.pathway + " -> " + pathway
                + (risk != null ? "; riskLevel " + c.riskLevel + " -> " + risk : "");
        c.pathway = pathway;
        c.strand = CaseRules.strandOf(pathway);
        if (risk != null) {
            c.riskLevel = risk;
        }
        c.pathwayRegraded = true;
        note(referralId, "REGRADE", null, at, reason);
        CaseClock.Settled events = catchUp(c, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.CASE_UPDATED, at, EventDetail.NONE);
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "REGRADED", detail + " (reason kept in the case notes)");
        return views.view(c, clock.instant());
    }

    public CaseView requestService(UUID referralId, CaseRequests.ServiceRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        OnwardService service = OnwardService.valueOf(r.service().trim());

        CaseEntity c = lockOpen(referralId);
        ServiceRequestEntity s = new ServiceRequestEntity();
        s.referralId = referralId;
        s.service = service;
        s.requestedAt = at;
        repository.persist(s);
        CaseClock.Settled events = catchUp(c, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.SERVICE_REQUESTED, at, EventDetail.service(service));
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "SERVICE_REQUESTED", "service=" + service);
        return views.view(c, clock.instant());
    }

    /** {@code r} names the service (from the path) and {@code at} (from the body, which may be absent). */
    public CaseView startService(UUID referralId, CaseRequests.ServiceRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        OnwardService service = OnwardService.valueOf(r.service().trim());

        CaseEntity c = lockOpen(referralId);
        ServiceRequestEntity pending = repository.services(referralId).stream()
                .filter(s -> s.service == service && s.startedAt == null).findFirst()
                .orElseThrow(() -> ProblemException.conflict("no request for " + service + " is waiting to start"));
        pending.startedAt = at;
        CaseClock.Settled events = catchUp(c, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.SERVICE_STARTED, at, EventDetail.service(service));
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "SERVICE_STARTED", "service=" + service);
        return views.view(c, clock.instant());
    }

    public CaseView recordOutcome(UUID referralId, CaseRequests.OutcomeRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        OutcomeStage stage = OutcomeStage.valueOf(r.stage().trim());
        Map<String, Integer> scores = new LinkedHashMap<>();
        r.scores().forEach((name, value) -> scores.put(name, value.intValue()));

        CaseEntity c = lockOpen(referralId);
        OutcomeEntity o = repository.outcome(referralId, stage).orElse(null);
        if (o == null) {
            o = new OutcomeEntity();
            o.key = new OutcomeEntity.Key(referralId, stage);
            fillOutcome(o, at, scores, actor);
            repository.persist(o);
        } else if (!at.isBefore(o.at)) {
            fillOutcome(o, at, scores, actor); // the latest of each stage counts
        }
        CaseClock.Settled events = catchUp(c, at);
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.OUTCOME_RECORDED, at, EventDetail.outcomeScores(stage, scores));
        emitter.emitClock(c, events.after());
        audit.record(referralId, at, actor.id(), "OUTCOME_RECORDED", "stage=" + stage + " scores=" + scores);
        return views.view(c, clock.instant());
    }

    public CaseView close(UUID referralId, CaseRequests.ClosureRequest r, Actor actor) {
        Instant at = validAt(r, actor);
        ClosureReason reason = ClosureReason.valueOf(r.reason().trim());

        CaseEntity c = lockOpen(referralId);
        CaseClock contactClock = CaseClock.of(c, workingTime);
        rules.close(c, contactClock, reason, at);
        CaseClock.Settled events = settle(contactClock, at);
        OutgoingEvent erased = reason == ClosureReason.CONSENT_WITHDRAWN
                ? erasure.erase(c, null, PersonalDataErased.CONSENT_WITHDRAWN, at) : null;
        emitter.emitClock(c, events.before());
        emitter.emit(c, EventTypes.CASE_CLOSED, at, EventDetail.closure(reason));
        emitter.emitClock(c, events.after());
        if (erased != null) {
            emitter.emit(erased);
        }
        audit.record(referralId, at, actor.id(), "CASE_CLOSED", "reason=" + reason);
        return views.view(c, clock.instant());
    }

    /** Erasure (admin): names, contact details, notes and free text gone; counts and clocks stay. Also when closed. */
    public CaseView erase(UUID referralId, Actor actor) {
        CaseEntity c = repository.lockCase(referralId).orElseThrow(() -> notFound(referralId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        emitter.emit(erasure.erase(c, null, PersonalDataErased.ADMIN_REQUEST, now));
        audit.record(referralId, now, actor.id(), "PERSONAL_DATA_ERASED",
                "identity, contact details, notes, source reference and search terms deleted");
        return views.view(c, clock.instant());
    }

    public List<CaseAuditEntry> audit(UUID referralId) {
        repository.findCase(referralId).orElseThrow(() -> notFound(referralId));
        return repository.audit(referralId).stream()
                .map(a -> new CaseAuditEntry(a.at, a.recordedAt, a.actor, a.action, a.detail)).toList();
    }

    /**
     * For actions that do not touch the clock themselves: flags what the clock reached by the action's own time
     * (judged at {@code at}, never at the real now: a replayed action must not breach a clock early).
     */
    private CaseClock.Settled catchUp(CaseEntity c, Instant at) {
        CaseClock contactClock = CaseClock.of(c, workingTime);
        contactClock.judge(at);
        return settle(contactClock, at);
    }

    private CaseClock.Settled settle(CaseClock contactClock, Instant at) {
        return contactClock.settle(at, clock.instant(), config.detector().replaySettle());
    }

    private static void fillOutcome(OutcomeEntity o, Instant at, Map<String, Integer> scores, Actor actor) {
        o.at = at;
        o.scores = EventJson.write(scores);
        o.recordedBy = actor.id();
    }

    private void note(UUID referralId, String kind, Long refId, Instant at, String text) {
        NoteEntity n = new NoteEntity();
        n.referralId = referralId;
        n.kind = kind;
        n.refId = refId;
        n.at = at;
        n.text = text;
        repository.persist(n);
    }

    private CaseEntity lockOpen(UUID referralId) {
        CaseEntity c = repository.lockCase(referralId).orElseThrow(() -> notFound(referralId));
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static ProblemException notFound(UUID referralId) {
        return ProblemException.notFound("no case for referral " + referralId + " (yet)");
    }
}
