-- How many onward service requests and outcome stages a case has, kept by the handlers' actions in the transaction
-- that adds the row. Every action answers with the whole case; its view reads case_service and case_outcome only
-- for the cases these say have rows there (issue 14: the view's five queries were half of an action's CPU).
alter table sla_case
    add column services_requested int not null default 0,
    add column outcome_stages int not null default 0;

update sla_case c set services_requested = s.n
  from (select referral_id, count(*) as n from case_service group by referral_id) s
 where s.referral_id = c.referral_id;

update sla_case c set outcome_stages = o.n
  from (select referral_id, count(*) as n from case_outcome group by referral_id) o
 where o.referral_id = c.referral_id;
