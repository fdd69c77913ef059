-- Shared by every service (shipped in service-commons), created in the service's own schema.

-- The transactional outbox: events written with the state change they belong to, published by the relay.
create table outbox_event (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    record_key   text,
    payload      text        not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index outbox_event_pending on outbox_event (id) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- The processed-event log of idempotent consumers.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
