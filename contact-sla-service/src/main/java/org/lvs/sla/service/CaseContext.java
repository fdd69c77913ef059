package org.lvs.sla.service;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.event.EventJson;
import org.lvs.contract.event.ReferralDecided;
import org.lvs.contract.referral.HateStrand;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.Reason;
import org.lvs.contract.triage.ReasonCode;
import org.lvs.sla.persistence.CaseEntity;
import org.lvs.sla.persistence.ListColumn;
import org.lvs.sla.persistence.PersonEntity;
import org.lvs.sla.rest.dto.CaseView;

/**
 * What a handler needs to know about a case before contact (issue 12): the crime, the victim's vulnerabilities and
 * age band, whether contact is unsafe and why, the risk level, and the reasons of the decision. From the decision
 * (facts without personal data, as referrals.triaged carries them) and, for consented victims, from the referral
 * itself (the safeguarding reason is free text: personal data, erased with the victim).
 */
final class CaseContext {

    private CaseContext() {}

    /** The case's facts from a decision. */
    static void fromDecision(CaseEntity c, ReferralDecided d) {
        if (d.crime() != null) {
            c.crimeCategory = d.crime().category();
            c.hateStrands = ListColumn.join(d.crime().hateStrands());
        }
        if (d.ageBand() != null) {
            c.ageBand = d.ageBand().label();
        }
        c.vulnerabilities = ListColumn.join(vulnerabilities(d.reasons()));
        c.unsafeToContact = d.caseStatus() == CaseStatus.SCREENING || d.hasReason(ReasonCode.UNSAFE_TO_CONTACT);
        c.decisionReasons = EventJson.write(d.reasons());
    }

    /** The vulnerabilities a decision names: PRIORITY_VULNERABLE's flags, and REPEAT_VICTIM when flagged so. */
    static List<Vulnerability> vulnerabilities(List<Reason> reasons) {
        Set<Vulnerability> found = EnumSet.noneOf(Vulnerability.class);
        for (Reason r : reasons) {
            if (r.code() == ReasonCode.PRIORITY_VULNERABLE && r.detail() != null) {
                Arrays.stream(r.detail().split(",")).map(String::trim).forEach(name -> parse(name, found));
            } else if (r.code() == ReasonCode.PRIORITY_PERSISTENTLY_TARGETED
                    && Vulnerability.REPEAT_VICTIM.name().equals(r.detail())) {
                found.add(Vulnerability.REPEAT_VICTIM);
            }
        }
        return List.copyOf(found);
    }

    /** The context as the case view shows it. */
    static CaseView.Context view(CaseEntity c, PersonEntity p) {
        Set<Vulnerability> vulnerabilities = EnumSet.noneOf(Vulnerability.class);
        ListColumn.split(c.vulnerabilities).forEach(v -> parse(v, vulnerabilities));
        boolean unsafe = c.unsafeToContact;
        String safeguardingReason = null;
        String ageBand = c.ageBand;
        if (p != null) {
            ListColumn.split(p.vulnerabilities).forEach(v -> parse(v, vulnerabilities));
            unsafe = unsafe || p.unsafeToContact;
            safeguardingReason = p.safeguardingReason;
            ageBand = ageBand != null ? ageBand : p.ageBand;
        }
        List<Reason> reasons = reasons(c.decisionReasons);
        String screeningReason = safeguardingReason != null
                ? safeguardingReason
                : reasons.stream()
                        .filter(r -> r.code() == ReasonCode.UNSAFE_TO_CONTACT)
                        .map(Reason::detail)
                        .findFirst()
                        .orElse(null);
        List<HateStrand> strands = new ArrayList<>();
        ListColumn.split(c.hateStrands).forEach(s -> {
            try {
                strands.add(HateStrand.valueOf(s));
            } catch (IllegalArgumentException ignored) {
                // a strand this version does not know: left out
            }
        });
        return new CaseView.Context(
                c.crimeCategory,
                strands,
                List.copyOf(vulnerabilities),
                unsafe,
                unsafe ? screeningReason : null,
                safeguardingReason,
                c.riskLevel,
                ageBand,
                reasons);
    }

    private static void parse(String name, Set<Vulnerability> into) {
        try {
            into.add(Vulnerability.valueOf(name));
        } catch (IllegalArgumentException ignored) {
            // a flag this version does not know: left out
        }
    }

    private static List<Reason> reasons(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<Reason>>() {});
        } catch (Exception e) {
            return List.of();
        }
    }
}
