-- Room on each page for a row's next version (issue 14). PostgreSQL makes an update HOT (the new version on the same
-- page, no index touched) only when no indexed column changes and the page has room. At the default fillfactor of 100
-- the pages are full, so even a contact attempt, which changes no indexed column, wrote a new entry into each of the
-- case's indexes that apply to it (about ten for an open case whose clock runs). With 15% of each page free, 2,500
-- attempts on as many cases were all HOT, against about 40% before, and the update took 0.10-0.13 ms a call in
-- PostgreSQL against 0.20-0.24 (pg_stat_statements); 30% free did the same and grows the table more. A case row is
-- 0.5-1.5 KB, so 15% holds one new version, and PostgreSQL prunes the old one when it next reads the page. The
-- version tracker (about 60 bytes a row, updated when a referral's decision follows its receipt) keeps 20%: its
-- updates in a pipeline run went from 16-20% HOT to 67%. HotUpdateTest keeps the case's half of this. Pages written
-- from now on keep the room; a database that already holds cases gets it on its old pages when the operator runs
-- VACUUM FULL on the two tables.
alter table sla_case set (fillfactor = 85);
alter table referral_track set (fillfactor = 80);
