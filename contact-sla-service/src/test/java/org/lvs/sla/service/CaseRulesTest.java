package org.lvs.sla.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lvs.contract.casework.CaseStatus;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.triage.DataIssue;
import org.lvs.contract.triage.Pathway;
import org.lvs.contract.triage.Strand;
import org.lvs.sla.persistence.CaseEntity;

class CaseRulesTest {

    private final CaseRules rules = new CaseRules(null); // derivedStatus needs no configuration

    private static CaseEntity decided(CaseStatus status, Consent consent, DataIssue issue) {
        CaseEntity c = new CaseEntity();
        c.decisionStatus = status;
        c.consent = consent;
        c.dataIssue = issue;
        return c;
    }

    @Test
    void unsafeCasesWaitForScreeningThenConsentThenInformation() {
        CaseEntity c = decided(CaseStatus.SCREENING, Consent.IMPLIED, DataIssue.INSUFFICIENT_DATA);
        assertEquals(CaseStatus.SCREENING, rules.derivedStatus(c));
        c.screened = true;
        assertEquals(CaseStatus.AWAITING_CONSENT, rules.derivedStatus(c));
        c.consentConfirmed = true;
        assertEquals(CaseStatus.AWAITING_INFORMATION, rules.derivedStatus(c));
        c.dataIssue = null;
        assertEquals(CaseStatus.OPEN, rules.derivedStatus(c));
    }

    @Test
    void humanStepsSurviveALaterDecision() {
        CaseEntity c = decided(CaseStatus.AWAITING_CONSENT, Consent.IMPLIED, null);
        c.consentConfirmed = true;
        assertEquals(CaseStatus.OPEN, rules.derivedStatus(c), "confirmed consent stays confirmed");
        c.decisionStatus = CaseStatus.SCREENING;
        c.screened = true;
        assertEquals(CaseStatus.OPEN, rules.derivedStatus(c), "screened stays screened");
    }

    @Test
    void explicitConsentWithDataIsOpen() {
        assertEquals(CaseStatus.OPEN, rules.derivedStatus(decided(CaseStatus.OPEN, Consent.EXPLICIT, null)));
    }

    @Test
    void aRegradeMovesTheCaseToThePathwaysStrand() {
        assertEquals(Strand.DOMESTIC_ABUSE, CaseRules.strandOf(Pathway.IVA));
        assertEquals(Strand.SEXUAL_VIOLENCE, CaseRules.strandOf(Pathway.ISVA));
        assertEquals(Strand.HATE_CRIME, CaseRules.strandOf(Pathway.HATE_CRIME_PARTNER));
    }
}
