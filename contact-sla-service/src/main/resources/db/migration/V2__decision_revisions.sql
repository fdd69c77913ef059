-- A decision is kept by (version, revision): triage re-decides a version (revision 1, 2, ...) when something it
-- depends on arrives late; the re-decision supersedes the first one like an amendment.
alter table referral_track add column decision_revision integer not null default 0;
alter table sla_case add column decision_revision integer not null default 0;
