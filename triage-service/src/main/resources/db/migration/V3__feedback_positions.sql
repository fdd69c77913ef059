-- Feedback cursor (GET /api/v1/triage/feedback?after=): every decision the police should act on gets a position,
-- increasing in commit order, assigned under a transaction-scoped advisory lock held until commit (README, "Feedback
-- cursor"). A client polling with the last position it saw never misses one and never sees one twice.
ALTER TABLE decision ADD COLUMN feedback_position BIGINT;

-- Decisions stored before: numbered in the order they were stored.
UPDATE decision d SET feedback_position = n.position
FROM (SELECT id, row_number() OVER (ORDER BY id) AS position FROM decision WHERE data_issue IS NOT NULL) n
WHERE d.id = n.id;

CREATE UNIQUE INDEX decision_feedback_position_uq ON decision (feedback_position);
CREATE INDEX decision_feedback_cursor_idx ON decision (source, feedback_position) WHERE feedback_position IS NOT NULL;

-- The feedback of a source by receivedAt (?since= without ?after=) now selects by position too.
DROP INDEX decision_feedback_idx;
CREATE INDEX decision_feedback_idx ON decision (source, received_at, referral_id, version)
    WHERE feedback_position IS NOT NULL;
