-- Repeat victims independent of processing order (triage-policy.md, sections 4 and 7; README, "Repeat victims in any
-- order"): a version is decided again (revision + 1) when an earlier referral of its victim arrives after it.
ALTER TABLE decision ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decision DROP CONSTRAINT decision_referral_version_uq;
ALTER TABLE decision ADD CONSTRAINT decision_referral_version_revision_uq UNIQUE (referral_id, version, revision);

-- What the policy needs to decide the referral's latest version again, without personal data (PolicyInput as JSON):
-- kept with the identity hashes and gone with them (erasure, retention, a version without consent). Rows stored
-- before this migration have none, and are never re-decided.
ALTER TABLE victim_identity ADD COLUMN policy_input TEXT;
