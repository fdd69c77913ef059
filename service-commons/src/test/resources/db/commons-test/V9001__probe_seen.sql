-- Test-only: the probe's natural key, as a consumer keeps one: an event applied once inserts its row once.
create table probe_seen (
    id uuid primary key
);
