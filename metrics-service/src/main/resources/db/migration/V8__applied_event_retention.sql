-- The applied-event marks are pruned after lvs.metrics.applied-event-keep (AppliedEventRetention): every fact write is
-- keyed by what its event records, so a mark only has to outlive the redeliveries that can come late. A BRIN index
-- finds the old marks at almost no cost per insert, since marks are written in time order.
CREATE INDEX applied_event_applied_at ON applied_event USING brin (applied_at);
