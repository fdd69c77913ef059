-- Room on each page for a row's next version (issue 14). Every case action and every decision updates its case row,
-- and the consumers update each referral's version tracker. PostgreSQL makes such an update HOT (a new version on the
-- same page, no index touched) only when the page has room for it; at the default fillfactor of 100 the pages are
-- full, so 88% of the case updates in a demo were not HOT and wrote a new entry into each of the case's indexes that
-- apply to it (about ten for an open case whose clock runs). With the room, a contact attempt's update is HOT and
-- takes about half the time in PostgreSQL (pg_stat_statements: 0.12 ms against 0.20-0.24 ms a call). HotUpdateTest
-- keeps it so. Pages written from now on keep the room; a database that already holds cases gets it on its old pages
-- when the operator runs VACUUM FULL on the two tables.
alter table sla_case set (fillfactor = 70);
alter table referral_track set (fillfactor = 80);
