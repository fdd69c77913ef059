-- The contact clock as the fold of its inputs, each judged at its own time (issue 12, replay): the inputs, the events
-- already published and the latest time the detector judged the clock, as JSON. Null for clocks stored before: they
-- go on from their stored state.
alter table sla_case add column clock_history text;
