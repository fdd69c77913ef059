-- metrics-service keeps FACTS, never running totals: one row per decision, per case (its latest state by the
-- case's event sequence), per contact, per onward-service event, per outcome score and per intake record.
-- Every figure is a query over these rows for the requested period, so figures are exact whatever order the
-- events arrived in, a redelivered event (same primary key) changes nothing, and a rebuild from the topics
-- gives the same answer.

-- Every decision of every referral (referrals.triaged), as published.
CREATE TABLE decision_fact (
    referral_id       uuid        NOT NULL,
    version           integer     NOT NULL,
    source            text,
    source_reference  text,
    outcome           text        NOT NULL,
    data_issue        text,
    case_status       text,
    priority          text,
    strand            text,
    pathway           text,
    reasons           text[]      NOT NULL DEFAULT '{}',
    decided_at        timestamptz,
    received_at       timestamptz,
    first_received_at timestamptz,
    area              text,
    category          text,
    hate_strand       text,
    risk_level        text,
    age_band          text,
    gender            text,
    consent           text,
    how_heard         text,
    PRIMARY KEY (referral_id, version)
);

-- One row per referral, recomputed from decision_fact whenever one of its decisions arrives: the latest decision's
-- facts, the first decision's issue and the first receivedAt (which places the referral in a period).
CREATE TABLE referral_fact (
    referral_id           uuid        PRIMARY KEY,
    source                text,
    source_reference      text,
    first_received_at     timestamptz NOT NULL,
    first_version         integer     NOT NULL,
    first_outcome         text        NOT NULL,
    first_data_issue      text,
    first_issue_resolved  boolean     NOT NULL,
    version               integer     NOT NULL,
    outcome               text        NOT NULL,
    data_issue            text,
    priority              text,
    strand                text,
    pathway               text,
    area                  text,
    category              text,
    hate_strand           text,
    risk_level            text,
    age_band              text,
    gender                text,
    how_heard             text,
    persistently_targeted boolean     NOT NULL
);
CREATE INDEX referral_fact_first_received ON referral_fact (first_received_at);

-- The case's facts after its newest event (highest sequence wins, whatever order events arrive in).
CREATE TABLE case_fact (
    referral_id      uuid        PRIMARY KEY,
    sequence         bigint      NOT NULL,
    last_type        text        NOT NULL,
    source           text,
    status           text,
    priority         text,
    strand           text,
    pathway          text,
    area             text,
    clock_state      text,
    started_at       timestamptz,
    due_at           timestamptz,
    target_hours     integer,
    paused_seconds   bigint      NOT NULL DEFAULT 0,
    first_contact_at timestamptz,
    worker           text,
    capacity         integer
);
CREATE INDEX case_fact_started ON case_fact (started_at);
CREATE INDEX case_fact_clock_state ON case_fact (clock_state);

-- Every contact attempt and contact (ContactRecorded).
CREATE TABLE contact_fact (
    referral_id   uuid        NOT NULL,
    sequence      bigint      NOT NULL,
    at            timestamptz NOT NULL,
    channel       text,
    outcome       text,
    contact_made  boolean     NOT NULL,
    support_types text[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (referral_id, sequence)
);
CREATE INDEX contact_fact_at ON contact_fact (at);

-- Onward-service requests and starts (ServiceRequested, ServiceStarted).
CREATE TABLE service_event_fact (
    referral_id uuid        NOT NULL,
    sequence    bigint      NOT NULL,
    kind        text        NOT NULL,
    service     text        NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (referral_id, sequence, kind)
);

-- Outcome scores (OutcomeRecorded); the latest of each stage (by sequence) counts.
CREATE TABLE outcome_fact (
    referral_id uuid        NOT NULL,
    sequence    bigint      NOT NULL,
    stage       text        NOT NULL,
    wellbeing   integer,
    scores      text        NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (referral_id, sequence)
);

-- Every record a source sent (referrals.intake).
CREATE TABLE intake_fact (
    record_id        text        PRIMARY KEY,
    referral_id      uuid,
    source           text,
    source_reference text,
    version          integer,
    feed_sequence    bigint,
    batch_id         text,
    status           text        NOT NULL,
    at               timestamptz NOT NULL
);
CREATE INDEX intake_fact_at ON intake_fact (at);

-- How fresh the figures are: one row, updated in the transaction of every applied event.
CREATE TABLE apply_status (
    id                 integer     PRIMARY KEY CHECK (id = 1),
    events_applied     bigint      NOT NULL,
    last_applied_at    timestamptz,
    last_lag_millis    bigint
);
INSERT INTO apply_status (id, events_applied) VALUES (1, 0);
