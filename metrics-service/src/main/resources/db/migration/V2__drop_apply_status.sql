-- Freshness is now the processed-event log (eventsApplied) and an in-memory lag: one row updated by every
-- consumer transaction serialised them, and the consumers now apply records concurrently.
DROP TABLE apply_status;
