-- The applied-event marks move out of the shared processed_event log into a table of their own, beside the facts
-- they guard: a rebuild fills a second set of fact tables with its own marks (applied_event_next, ...) and swaps
-- the whole set in by renaming, marks included (README, rebuilding the figures).
CREATE TABLE applied_event (
    event_id   uuid        PRIMARY KEY,
    applied_at timestamptz NOT NULL
);
INSERT INTO applied_event (event_id, applied_at)
SELECT event_id, processed_at FROM processed_event WHERE consumer = 'metrics'
ON CONFLICT DO NOTHING;
DELETE FROM processed_event WHERE consumer = 'metrics';

-- Every rebuild and how it went, kept across restarts. At most one is RUNNING; a RUNNING rebuild whose process is
-- gone (its session lock released) is marked FAILED by the next status read or start.
CREATE TABLE rebuild_run (
    rebuild_id      uuid        PRIMARY KEY,
    -- the order runs were started in (their times come from the service's clock, which tests move)
    run_number      bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    state           text        NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    requested_at    timestamptz NOT NULL,
    finished_at     timestamptz,
    progress_at     timestamptz,
    records_read    bigint      NOT NULL DEFAULT 0,
    events_applied  bigint      NOT NULL DEFAULT 0,
    records_skipped bigint      NOT NULL DEFAULT 0,
    end_offsets     text,
    error           text
);
CREATE UNIQUE INDEX rebuild_run_one_running ON rebuild_run (state) WHERE state = 'RUNNING';
