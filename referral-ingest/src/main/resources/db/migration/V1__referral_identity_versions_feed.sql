-- referral-ingest keeps identity, version fingerprints and feed numbers only: NO personal data lives here.
-- The referral itself travels on referrals.received (short retention); what we store is enough to answer
-- ACCEPTED / DUPLICATE / AMENDED / STALE / 409 and to list feed gaps.

-- One row per (source, sourceReference): the referralId assigned once, race-safe through the unique key.
CREATE TABLE referral (
    referral_id       uuid        PRIMARY KEY,
    source            text        NOT NULL,
    source_reference  text        NOT NULL,
    first_received_at timestamptz NOT NULL,
    CONSTRAINT referral_source_reference_key UNIQUE (source, source_reference)
);

-- One row per received version: a SHA-256 of the publishable content (never the content), when it was received,
-- the answer it earned (ACCEPTED or AMENDED) and whether the broker confirmed its publication. A version is answered
-- DUPLICATE only once published is true; before that a retry publishes it again.
CREATE TABLE referral_version (
    referral_id  uuid        NOT NULL REFERENCES referral (referral_id),
    version      integer     NOT NULL,
    content_hash char(64)    NOT NULL,
    received_at  timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('ACCEPTED', 'AMENDED')),
    published    boolean     NOT NULL DEFAULT false,
    published_at timestamptz,
    PRIMARY KEY (referral_id, version)
);

-- Every feed number a source's records carried (any result). Gaps are the holes between the lowest and highest;
-- the primary key's index answers them in one ordered scan.
CREATE TABLE feed_sequence (
    source text   NOT NULL,
    seq    bigint NOT NULL,
    PRIMARY KEY (source, seq)
);
