-- Wave 2 of referral-ingest: erasure, self-referral retries, the rejections feed, the shared self-referral limit and
-- the last batch per source. Still no personal data in clear: see README ("What ingest stores").

-- Erasure (cases.erasures) removes the content hash of every version of an erased referral: a hash of the full
-- referral could confirm a guess of the victim's details. The identity (source, sourceReference) -> referralId stays.
ALTER TABLE referral_version ALTER COLUMN content_hash DROP NOT NULL;

-- Self-referral retries: an Idempotency-Key (header, or the form's hidden field) and the referral it made, written
-- in the transaction that creates the referral. The generated sourceReference and recordedAt are kept so that a
-- retry rebuilds exactly the same referral (same content hash: a changed body is a 409). Expire after a day
-- (lvs.ingest.self-referral.idempotency-ttl); deleted with the referral's other traces on erasure.
CREATE TABLE self_referral_idempotency (
    idempotency_key  text        PRIMARY KEY,
    referral_id      uuid        NOT NULL REFERENCES referral (referral_id),
    source_reference text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX self_referral_idempotency_created_at ON self_referral_idempotency (created_at);
CREATE INDEX self_referral_idempotency_referral ON self_referral_idempotency (referral_id);

-- Rejected records, for GET /api/v1/feeds/{source}/rejections. Only validated values: sourceReference, batchId and
-- feedSequence when they were valid, errors as field names and our own messages. Positions are taken while holding a
-- per-source transaction-scoped advisory lock, so within a source they follow commit order: a reader that polls with
-- the last position it saw never misses a row and never sees one twice.
CREATE TABLE rejection (
    position         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source           text        NOT NULL,
    batch_id         text,
    record_index     integer     NOT NULL,
    source_reference text,
    feed_sequence    bigint,
    errors           jsonb       NOT NULL,
    received_at      timestamptz NOT NULL
);
CREATE INDEX rejection_source_position ON rejection (source, position);

-- The self-referral limit, shared by every instance: one fixed window per client key (a SHA-256 of the client's
-- address, or of its /64 for IPv6), counted with one atomic upsert. Rows older than two windows are deleted.
CREATE TABLE self_referral_bucket (
    client_key   text        PRIMARY KEY,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL
);
CREATE INDEX self_referral_bucket_window ON self_referral_bucket (window_start);

-- When each source's last batch was accepted (answered 200), for lvs_ingest_last_batch_seconds{source}.
CREATE TABLE batch_arrival (
    source        text        PRIMARY KEY,
    last_batch_at timestamptz NOT NULL
);
