-- contact-sla-service: cases, their contact clock, case work and the audit trail (schema sla).
-- Personal data (victim identity, contact details, notes and other free text) lives only in case_person and
-- case_note, so erasure deletes rows outright while counts, clocks and the audit trail stay.

-- What this service has seen of each referral on either topic: events of one referral arrive in any order.
create table referral_track (
    referral_id       uuid primary key,
    decision_version  integer not null default 0,
    received_version  integer not null default 0,
    -- personal data was erased (consent withdrawn or an admin's erasure): never store it again
    erased            boolean not null default false
);

create table sla_case (
    referral_id          uuid primary key,
    sequence             bigint not null default 0,
    decision_version     integer not null,
    source               text,
    source_reference     text,
    status               text not null,
    decision_status      text,
    consent              text,
    data_issue           text,
    priority             text,
    strand               text,
    pathway              text,
    provider             text,
    area                 text,
    risk_level           text,
    pathway_regraded     boolean not null default false,
    screened             boolean not null default false,
    consent_confirmed    boolean not null default false,
    worker               text,
    assigned_at          timestamptz,
    opened_at            timestamptz not null,
    closed_at            timestamptz,
    closure_reason       text,
    attempts             integer not null default 0,
    contacts_made        integer not null default 0,
    last_contact_at      timestamptz,
    personal_data_erased boolean not null default false,
    -- the contact clock
    clock_state          text not null,
    started_at           timestamptz not null,
    target_hours         integer not null,
    paused_seconds       bigint not null default 0,
    paused_since         timestamptz,
    due_at               timestamptz not null,
    at_risk_at           timestamptz not null,
    at_risk_flagged      boolean not null default false,
    breach_flagged       boolean not null default false,
    breached_at          timestamptz,
    first_contact_at     timestamptz,
    -- when the detector must look next (the at-risk point, then due); null when nothing can change
    next_check_at        timestamptz
);

-- the detector: only clocks that can still change
create index sla_case_next_check on sla_case (next_check_at) where next_check_at is not null;
-- breaches (open = still uncontacted; all = also met late), oldest due first, with the common filters
create index sla_case_breached_due on sla_case (due_at, referral_id) where clock_state = 'BREACHED';
create index sla_case_breached_strand_due on sla_case (strand, due_at) where clock_state = 'BREACHED';
create index sla_case_breached_area_due on sla_case (area, due_at) where clock_state = 'BREACHED';
create index sla_case_breached_area_strand_due on sla_case (area, strand, due_at) where clock_state = 'BREACHED';
create index sla_case_breached_priority_due on sla_case (priority, due_at) where clock_state = 'BREACHED';
create index sla_case_late_due on sla_case (due_at, referral_id) where clock_state in ('BREACHED', 'MET_LATE');
create index sla_case_late_strand_due on sla_case (strand, due_at) where clock_state in ('BREACHED', 'MET_LATE');
create index sla_case_late_area_due on sla_case (area, due_at) where clock_state in ('BREACHED', 'MET_LATE');
-- at risk: uncontacted, running clocks by due time
create index sla_case_running_due on sla_case (due_at, referral_id) where clock_state in ('RUNNING', 'AT_RISK');
create index sla_case_running_strand_due on sla_case (strand, due_at) where clock_state in ('RUNNING', 'AT_RISK');
create index sla_case_running_area_due on sla_case (area, due_at) where clock_state in ('RUNNING', 'AT_RISK');
-- work queues (unfiltered, by status, by strand, by both), soonest due first
create index sla_case_due on sla_case (due_at, referral_id);
create index sla_case_status_due on sla_case (status, due_at, referral_id);
create index sla_case_status_strand_due on sla_case (status, strand, due_at, referral_id);
create index sla_case_strand_due on sla_case (strand, due_at, referral_id);
-- caseloads and waiting lists
create index sla_case_open_worker on sla_case (worker, pathway) where worker is not null and status <> 'CLOSED';
create index sla_case_unassigned_contacted on sla_case (strand, first_contact_at, referral_id)
    where worker is null and status <> 'CLOSED' and first_contact_at is not null;

-- personal data of consented victims, kept by referral (it may arrive before the decision)
create table case_person (
    referral_id       uuid primary key,
    version           integer not null,
    person_ref        text,
    first_name        text,
    last_name         text,
    phone             text,
    email             text,
    address_line1     text,
    address_line2     text,
    town              text,
    postcode          text,
    preferred_contact text,
    -- normalised for the victim search
    full_name_norm    text,
    last_name_norm    text,
    first_name_norm   text,
    phone_norm        text,
    person_ref_norm   text
);
create index case_person_full_name on case_person (full_name_norm);
create index case_person_last_name on case_person (last_name_norm);
create index case_person_first_name on case_person (first_name_norm);
create index case_person_phone on case_person (phone_norm);
create index case_person_ref on case_person (person_ref_norm);

-- free text written about a case (contact notes, screening notes, regrade reasons): personal data
create table case_note (
    id          bigserial primary key,
    referral_id uuid not null,
    kind        text not null,
    ref_id      bigint,
    at          timestamptz not null,
    text        text not null
);
create index case_note_case on case_note (referral_id);

create table case_contact (
    id            bigserial primary key,
    referral_id   uuid not null references sla_case (referral_id),
    at            timestamptz not null,
    channel       text not null,
    outcome       text not null,
    contact_made  boolean not null,
    support_types text not null default '',
    handler       text,
    recorded_by   text not null,
    recorded_at   timestamptz not null
);
create index case_contact_case on case_contact (referral_id, at);

create table case_service (
    id           bigserial primary key,
    referral_id  uuid not null references sla_case (referral_id),
    service      text not null,
    requested_at timestamptz not null,
    started_at   timestamptz
);
create index case_service_case on case_service (referral_id);
create index case_service_waiting on case_service (service, requested_at, referral_id) where started_at is null;

create table case_outcome (
    referral_id uuid not null references sla_case (referral_id),
    stage       text not null,
    at          timestamptz not null,
    scores      text not null,
    recorded_by text not null,
    primary key (referral_id, stage)
);

-- every change with who and when; details never carry personal data
create table case_audit (
    id          bigserial primary key,
    referral_id uuid not null,
    at          timestamptz not null,
    recorded_at timestamptz not null,
    actor       text not null,
    action      text not null,
    detail      text
);
create index case_audit_case on case_audit (referral_id, id);

-- every victim search: who, when, how many found; the query itself only as a hash (it is personal data)
create table search_audit (
    id           bigserial primary key,
    at           timestamptz not null,
    actor        text not null,
    query_hash   text not null,
    result_count integer not null,
    referral_ids text
);
