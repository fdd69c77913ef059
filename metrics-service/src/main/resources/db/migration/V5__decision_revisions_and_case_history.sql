-- Decisions: triage may decide a referral version again (ReferralDecided.revision); every revision is kept, and
-- each referral's row follows the decision with the highest (version, revision).
ALTER TABLE decision_fact ADD COLUMN revision integer NOT NULL DEFAULT 0;
-- A rebuild swaps tables by renaming them, so the key's name is looked up rather than assumed.
DO $$
DECLARE
    pk text;
BEGIN
    SELECT conname INTO pk FROM pg_constraint WHERE conrelid = 'decision_fact'::regclass AND contype = 'p';
    EXECUTE format('ALTER TABLE decision_fact DROP CONSTRAINT %I', pk);
END $$;
ALTER TABLE decision_fact ADD PRIMARY KEY (referral_id, version, revision);
ALTER TABLE referral_fact ADD COLUMN revision integer NOT NULL DEFAULT 0;

-- Every case's facts after each of its events, with the event's time, so waiting lists, caseloads and services
-- waiting can be taken as at a period's end (metrics.md). case_fact keeps the newest state for "now".
CREATE TABLE case_state_fact (
    referral_id      uuid        NOT NULL,
    sequence         bigint      NOT NULL,
    at               timestamptz NOT NULL,
    status           text,
    strand           text,
    pathway          text,
    worker           text,
    capacity         integer,
    first_contact_at timestamptz,
    PRIMARY KEY (referral_id, sequence)
);
-- The history before this migration is not known: each case's newest state stands for all of it (a rebuild from
-- the topics, README, replaces it with the real history).
INSERT INTO case_state_fact (referral_id, sequence, at, status, strand, pathway, worker, capacity, first_contact_at)
SELECT referral_id, sequence, '-infinity', status, strand, pathway, worker, capacity, first_contact_at
FROM case_fact;
