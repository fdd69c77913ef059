package org.lvs.tools.feed;

import java.time.LocalDate;
import java.time.Period;
import java.util.Set;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Referral;
import org.lvs.contract.referral.RiskLevel;
import org.lvs.contract.referral.Victim;
import org.lvs.contract.referral.Vulnerability;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.Pathway;

/**
 * What triage-policy.md (2017-1, defaults) decides for a generated referral. The generator calibrates against this
 * prediction, so it must agree with triage-service; it only has to cover the referrals the generator makes (repeat
 * victims always carry {@code REPEAT_VICTIM} from their third referral on, so detection by identity never changes a
 * decision the generator did not foresee).
 */
public final class ExpectedTriage {

    static final Set<CrimeCategory> MOST_SERIOUS = CrimeCategory.mostSeriousByDefault();

    /** The expected decision; {@code status}, {@code pathway} are null when no case opens. */
    public record Expected(
            boolean opensCase, DataIssue dataIssue, CaseStatus status, boolean priority, Pathway pathway) {}

    private ExpectedTriage() {}

    public static Expected decide(Referral r) {
        if (r.consent() == Consent.REFUSED || r.consent() == Consent.NOT_RECORDED) {
            return new Expected(false, DataIssue.NO_CONSENT, null, false, null);
        }
        Victim v = r.victim();
        boolean name = v != null && v.hasName();
        boolean channel = v != null && v.hasContactChannel();
        if (!name && !channel) {
            return new Expected(false, DataIssue.NO_DATA, null, false, null);
        }
        DataIssue issue = name && channel ? null : DataIssue.INSUFFICIENT_DATA;
        CaseStatus status;
        if (r.safeguarding().unsafeToContact()) {
            status = CaseStatus.SCREENING;
        } else if (r.consent() == Consent.IMPLIED) {
            status = CaseStatus.AWAITING_CONSENT;
        } else if (issue != null) {
            status = CaseStatus.AWAITING_INFORMATION;
        } else {
            status = CaseStatus.OPEN;
        }
        boolean under18 = isUnder18(r);
        boolean priority = under18
                || MOST_SERIOUS.contains(r.crime().category())
                || v.vulnerabilities().stream().anyMatch(x -> x != Vulnerability.REPEAT_VICTIM)
                || v.vulnerabilities().contains(Vulnerability.REPEAT_VICTIM);
        return new Expected(true, issue, status, priority, route(r, under18));
    }

    static Pathway route(Referral r, boolean under18) {
        if (under18) {
            return Pathway.NEST;
        }
        return switch (r.crime().category()) {
            case SEXUAL_OFFENCE -> Pathway.ISVA;
            case DOMESTIC_ABUSE ->
                r.riskLevel() == RiskLevel.HIGH || r.riskLevel() == RiskLevel.MEDIUM ? Pathway.IDVA : Pathway.IVA;
            case HATE_CRIME -> Pathway.HATE_CRIME_PARTNER;
            default -> Pathway.CORE;
        };
    }

    /** Age at {@code recordedAt} (Europe/London date) from the date of birth, else the age given. */
    public static boolean isUnder18(Referral r) {
        Victim v = r.victim();
        if (v == null) {
            return false;
        }
        if (v.dateOfBirth() != null) {
            LocalDate on = r.recordedAt().atZone(Quarter.LONDON).toLocalDate();
            return Period.between(v.dateOfBirth(), on).getYears() < 18;
        }
        return v.age() != null && v.age() < 18;
    }
}
