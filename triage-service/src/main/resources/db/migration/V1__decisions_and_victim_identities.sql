-- triage-service schema. No personal data: decisions carry only the referral's non-personal facts, and victim
-- identities are kept only as keyed hashes (HMAC-SHA256).

-- One row per decided referral version; the latest version is the referral's current decision.
CREATE TABLE decision (
    id               BIGSERIAL PRIMARY KEY,
    referral_id      UUID         NOT NULL,
    version          INTEGER      NOT NULL,
    source           VARCHAR(32)  NOT NULL,
    source_reference VARCHAR(64)  NOT NULL,
    outcome          VARCHAR(32)  NOT NULL,
    data_issue       VARCHAR(32),
    reason_codes     TEXT         NOT NULL,
    missing_fields   TEXT         NOT NULL,
    received_at      TIMESTAMPTZ  NOT NULL,
    decided_at       TIMESTAMPTZ  NOT NULL,
    -- the ReferralDecided payload exactly as published, served by GET /api/v1/triage/{referralId}
    payload          TEXT         NOT NULL,
    CONSTRAINT decision_referral_version_uq UNIQUE (referral_id, version)
);

-- Feedback to the police: decisions with a data issue, per source, in time order.
CREATE INDEX decision_feedback_idx ON decision (source, received_at, referral_id, version)
    WHERE data_issue IS NOT NULL;

-- The identity the latest decided version of each referral carried, as keyed hashes. A referral whose latest
-- version carried none (no consent) has no row, so it never counts as an earlier referral of anyone.
CREATE TABLE victim_identity (
    referral_id      UUID         PRIMARY KEY,
    version          INTEGER      NOT NULL,
    source           VARCHAR(32)  NOT NULL,
    source_reference VARCHAR(64)  NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    person_ref_hash  VARCHAR(64),
    name_dob_hash    VARCHAR(64),
    CONSTRAINT victim_identity_has_hash CHECK (person_ref_hash IS NOT NULL OR name_dob_hash IS NOT NULL)
);

CREATE INDEX victim_identity_person_ref_idx ON victim_identity (person_ref_hash) WHERE person_ref_hash IS NOT NULL;
CREATE INDEX victim_identity_name_dob_idx ON victim_identity (name_dob_hash) WHERE name_dob_hash IS NOT NULL;
