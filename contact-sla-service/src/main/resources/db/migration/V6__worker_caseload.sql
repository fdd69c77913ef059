-- Each worker's open cases per pathway, kept in the transaction that changes a case (issue 14): GET /api/v1/workers
-- reads these few rows instead of grouping every open case. A case counts while it has a worker and is not CLOSED;
-- a case without a pathway counts under '' (the read maps it back to none).
create table worker_caseload (
    worker     text   not null,
    pathway    text   not null,
    open_cases bigint not null,
    primary key (worker, pathway)
);

insert into worker_caseload (worker, pathway, open_cases)
select worker, coalesce(pathway, ''), count(*)
from sla_case
where worker is not null and status <> 'CLOSED'
group by worker, coalesce(pathway, '');

-- One statement for the old and the new place of a case, its rows taken in key order: two handlers moving cases
-- between the same two workers in opposite directions lock the counters in the same order and never deadlock.
create function sla_case_count_caseload() returns trigger language plpgsql as $$
begin
    insert into worker_caseload as w (worker, pathway, open_cases)
    select c.worker, c.pathway, sum(c.delta)
    from (
        select old.worker, coalesce(old.pathway, ''), -1
        where tg_op in ('UPDATE', 'DELETE') and old.worker is not null and old.status <> 'CLOSED'
        union all
        select new.worker, coalesce(new.pathway, ''), 1
        where tg_op in ('INSERT', 'UPDATE') and new.worker is not null and new.status <> 'CLOSED'
    ) as c (worker, pathway, delta)
    group by c.worker, c.pathway
    having sum(c.delta) <> 0
    order by c.worker, c.pathway
    on conflict (worker, pathway) do update set open_cases = w.open_cases + excluded.open_cases;
    return null;
end
$$;

-- Only rows that change a count fire: intake (no worker yet) and most handler steps pass the WHEN and cost nothing.
create trigger sla_case_caseload_insert after insert on sla_case for each row
    when (new.worker is not null and new.status <> 'CLOSED')
    execute function sla_case_count_caseload();

create trigger sla_case_caseload_update after update on sla_case for each row
    when (old.worker is distinct from new.worker
          or old.pathway is distinct from new.pathway
          or (old.status = 'CLOSED') <> (new.status = 'CLOSED'))
    execute function sla_case_count_caseload();

create trigger sla_case_caseload_delete after delete on sla_case for each row
    when (old.worker is not null and old.status <> 'CLOSED')
    execute function sla_case_count_caseload();
