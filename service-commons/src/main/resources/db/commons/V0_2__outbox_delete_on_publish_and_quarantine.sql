-- The relay deletes a row once the broker acknowledged it, so the table holds only what is pending (ADR 0002);
-- a row the broker keeps refusing is counted, then moved to the quarantine with its reason.
delete from outbox_event where published_at is not null;
drop index if exists outbox_event_pending;
drop index if exists outbox_event_published_at;
alter table outbox_event drop column published_at;
alter table outbox_event add column attempts integer not null default 0;
alter table outbox_event add column last_error text;

-- Rows the broker refused for good, kept aside with the reason so the rest can flow.
create table outbox_quarantine (
    id             bigint      primary key,
    event_id       uuid        not null,
    topic          text        not null,
    record_key     text,
    payload        text        not null,
    created_at     timestamptz not null,
    quarantined_at timestamptz not null,
    reason         text        not null
);
