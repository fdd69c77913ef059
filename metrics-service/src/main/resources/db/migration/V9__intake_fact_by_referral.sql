-- Intake records by referral: every intake batch blanks the references of erased referrals among its own
-- (FactStore.BLANK_ERASED_INTAKES) and every erasure blanks the referral's intake records; without this index both
-- read the whole table (10 ms a batch at 64,000 records, growing with the table), which a trickle of single
-- referrals paid per referral. A rebuild's shadow tables copy the live indexes; one under way now gets it too.
CREATE INDEX intake_fact_referral ON intake_fact (referral_id);
DO $$
BEGIN
    IF to_regclass('intake_fact_next') IS NOT NULL THEN
        CREATE INDEX intake_fact_next_referral ON intake_fact_next (referral_id);
    END IF;
END $$;
