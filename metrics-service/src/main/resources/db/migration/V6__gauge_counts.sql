-- The Prometheus gauges (lvs_referrals, lvs_cases_by_clock_state, lvs_waiting_list, the events applied) counted as
-- the facts change, instead of GROUP BYs over whole tables every few seconds: at 300,000 referrals those took about
-- 1.4 s of CPU per refresh, growing with the tables (README, Performance).
--
-- Every statement that writes referral_fact, case_fact or applied_event appends the change of each count it makes
-- (statement triggers with transition tables: exact whatever order and concurrency the writes come in, since a row
-- is written under its row lock); the gauges read sum(n) per key, and fold the rows now and then. The table belongs
-- to its set of fact tables (FactTables.TABLES), so a rebuild counts into gauge_count_next and swaps it in with the
-- facts it counts.
CREATE TABLE gauge_count (
    gauge text   NOT NULL,
    k1    text   NOT NULL,
    k2    text   NOT NULL DEFAULT '',
    n     bigint NOT NULL
);

-- Referrals by source and latest outcome: +1 for each new (source, outcome) of a row, -1 for its old one.
CREATE FUNCTION gauge_count_referrals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- the counts table of the written table's set (the shadow set's names end in _next), with its schema: a
    -- trigger runs with the writing session's search_path
    target text := format('%I.%I', TG_TABLE_SCHEMA,
        CASE WHEN TG_TABLE_NAME LIKE '%\_next' THEN 'gauge_count_next' ELSE 'gauge_count' END);
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('INSERT INTO %s (gauge, k1, k2, n) SELECT ''referrals'', coalesce(source, ''UNKNOWN''), '
            'outcome, count(*) FROM new_rows GROUP BY 2, 3', target);
    ELSE
        EXECUTE format('INSERT INTO %s (gauge, k1, k2, n) SELECT ''referrals'', k1, k2, sum(n) FROM ('
            'SELECT coalesce(source, ''UNKNOWN'') AS k1, outcome AS k2, 1 AS n FROM new_rows UNION ALL '
            'SELECT coalesce(source, ''UNKNOWN''), outcome, -1 FROM old_rows) d GROUP BY 2, 3 HAVING sum(n) <> 0',
            target);
    END IF;
    RETURN NULL;
END $$;

-- Cases by clock state, and the waiting list (open, contacted, not assigned) per strand.
CREATE FUNCTION gauge_count_cases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- the counts table of the written table's set (the shadow set's names end in _next), with its schema: a
    -- trigger runs with the writing session's search_path
    target text := format('%I.%I', TG_TABLE_SCHEMA,
        CASE WHEN TG_TABLE_NAME LIKE '%\_next' THEN 'gauge_count_next' ELSE 'gauge_count' END);
    counted text := 'SELECT ''clock_state'' AS gauge, coalesce(clock_state, ''RUNNING'') AS k1, %1$s AS n FROM %2$s '
        'UNION ALL SELECT ''waiting'', coalesce(strand, ''UNKNOWN''), %1$s FROM %2$s WHERE status <> ''CLOSED'' '
        'AND first_contact_at IS NOT NULL AND worker IS NULL';
    changes text := format(counted, '1', 'new_rows');
BEGIN
    IF TG_OP = 'UPDATE' THEN
        changes := changes || ' UNION ALL ' || format(counted, '-1', 'old_rows');
    END IF;
    EXECUTE format('INSERT INTO %s (gauge, k1, n) SELECT gauge, k1, sum(n) FROM (%s) d GROUP BY 1, 2 '
        'HAVING sum(n) <> 0', target, changes);
    RETURN NULL;
END $$;

-- Events applied: the marks a statement added.
CREATE FUNCTION gauge_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- the counts table of the written table's set (the shadow set's names end in _next), with its schema: a
    -- trigger runs with the writing session's search_path
    target text := format('%I.%I', TG_TABLE_SCHEMA,
        CASE WHEN TG_TABLE_NAME LIKE '%\_next' THEN 'gauge_count_next' ELSE 'gauge_count' END);
BEGIN
    EXECUTE format('INSERT INTO %s (gauge, k1, n) SELECT ''events_applied'', '''', count(*) FROM new_rows '
        'HAVING count(*) > 0', target);
    RETURN NULL;
END $$;

-- The same triggers on a set's tables (FactTables creates them on the shadow tables of a rebuild).
CREATE FUNCTION gauge_count_triggers(suffix text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER gauge_count_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION gauge_count_referrals()', 'referral_fact' || suffix);
    EXECUTE format('CREATE TRIGGER gauge_count_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows '
        'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gauge_count_referrals()', 'referral_fact' || suffix);
    EXECUTE format('CREATE TRIGGER gauge_count_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION gauge_count_cases()', 'case_fact' || suffix);
    EXECUTE format('CREATE TRIGGER gauge_count_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows '
        'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gauge_count_cases()', 'case_fact' || suffix);
    EXECUTE format('CREATE TRIGGER gauge_count_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
        'FOR EACH STATEMENT EXECUTE FUNCTION gauge_count_events()', 'applied_event' || suffix);
END $$;

SELECT gauge_count_triggers('');

-- The counts of the facts already there.
INSERT INTO gauge_count (gauge, k1, k2, n)
SELECT 'referrals', coalesce(source, 'UNKNOWN'), outcome, count(*) FROM referral_fact GROUP BY 2, 3;
INSERT INTO gauge_count (gauge, k1, n)
SELECT 'clock_state', coalesce(clock_state, 'RUNNING'), count(*) FROM case_fact GROUP BY 2;
INSERT INTO gauge_count (gauge, k1, n)
SELECT 'waiting', coalesce(strand, 'UNKNOWN'), count(*) FROM case_fact
WHERE status <> 'CLOSED' AND first_contact_at IS NOT NULL AND worker IS NULL GROUP BY 2;
INSERT INTO gauge_count (gauge, k1, n) SELECT 'events_applied', '', count(*) FROM applied_event;
