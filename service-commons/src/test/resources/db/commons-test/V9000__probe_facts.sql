-- Test-only: what the probe consumer writes, with a text column PostgreSQL guards (no NUL).
create table probe_fact (
    id   text primary key,
    note text not null
);
