-- No consumer writes processed-event marks any more (issue 14): each one's natural keys and version guards, read
-- under its locks in the transaction that applies an event, already refuse a redelivery, so the marks only grew
-- the database (one row per event, pruned after 30 days). The shared log goes with its pruning job.
drop table if exists processed_event;
