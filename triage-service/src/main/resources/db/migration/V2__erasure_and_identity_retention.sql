-- Erasure (cases.erasures) and the retention of identity hashes (README, "Erasure and retention").

-- When each decided version was recorded: the frontier identity retention measures age against, so replayed history
-- (2017 referrals decided in 2026) is judged by its own time, not the wall clock.
ALTER TABLE decision ADD COLUMN recorded_at TIMESTAMPTZ;
UPDATE decision SET recorded_at = (payload::json ->> 'recordedAt')::timestamptz;
ALTER TABLE decision ALTER COLUMN recorded_at SET NOT NULL;
CREATE INDEX decision_recorded_at_idx ON decision (recorded_at);

-- A source reference re-identifies a victim through the police's own records: an erased referral's is removed.
ALTER TABLE decision ALTER COLUMN source_reference DROP NOT NULL;

-- When an identity row was written (injected clock): retention keeps recently written rows for a grace period even
-- when the frontier is far ahead of them (history replayed into a stack that already decided live referrals).
ALTER TABLE victim_identity ADD COLUMN stored_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX victim_identity_recorded_at_idx ON victim_identity (recorded_at);

-- Referrals whose victim's personal data was erased: no identity of theirs is ever stored again, also when a version
-- of the referral is decided after the erasure arrived. Holds no personal data.
CREATE TABLE erased_referral (
    referral_id UUID        PRIMARY KEY,
    reason      VARCHAR(32) NOT NULL,
    erased_at   TIMESTAMPTZ NOT NULL
);
