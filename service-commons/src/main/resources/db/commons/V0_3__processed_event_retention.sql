-- processed_event rows are pruned after a retention (ProcessedEventRetention): a BRIN index on the append-only
-- processed_at costs almost nothing per insert and finds the old rows without a full scan.
create index processed_event_processed_at on processed_event using brin (processed_at);
