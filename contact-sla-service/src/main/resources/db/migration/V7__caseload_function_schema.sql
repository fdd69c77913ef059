-- V6's trigger function names worker_caseload without a schema, so it was resolved through the search_path of
-- whichever session wrote sla_case: a session that writes sla.sla_case by its full name under another search_path
-- (a bulk load, an operator's psql) failed with "relation worker_caseload does not exist". The function now keeps
-- the search_path it is created under (this schema's, as Flyway runs it).
alter function sla_case_count_caseload() set search_path from current;
