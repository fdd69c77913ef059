-- Case context for handlers (issue 12): what the decision says of the crime and the victim (no personal data, the
-- same facts referrals.triaged carries), and, for consented victims, what the referral itself says (with the
-- personal data: the safeguarding reason is free text, erased with the row).
alter table sla_case add column crime_category text;
alter table sla_case add column hate_strands text;
alter table sla_case add column age_band text;
alter table sla_case add column vulnerabilities text;
alter table sla_case add column unsafe_to_contact boolean not null default false;
alter table sla_case add column decision_reasons text;

alter table case_person add column vulnerabilities text;
alter table case_person add column unsafe_to_contact boolean not null default false;
alter table case_person add column safeguarding_reason text;
alter table case_person add column age_band text;
