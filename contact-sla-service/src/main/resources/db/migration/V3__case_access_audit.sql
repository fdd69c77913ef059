-- Case work is audited and narrow (issue 11): every read of a case and every victim search is recorded with who
-- (the token's subject) and when; a search also with its stated reason and a keyed HMAC of its terms. The old
-- search_audit kept an unkeyed SHA-256 of names and phones, which a dictionary reverses: it goes.
drop table search_audit;

create table access_audit (
    id             bigserial primary key,
    at             timestamptz not null,
    actor          text not null,
    -- CASE_READ or CASE_SEARCH
    action         text not null,
    -- the case read
    referral_id    uuid,
    -- whether the read showed the victim's identity or contact details
    personal_data  boolean,
    -- a search: the reason the handler stated, the kinds of term used (never their values), the HMAC of the terms
    reason         text,
    criteria       text,
    terms_hmac     text,
    result_count   integer,
    result_ids     uuid[],
    -- the reason and terms of a search were removed when a case it found was erased
    terms_erased   boolean not null default false
);
create index access_audit_at on access_audit (at, id);
create index access_audit_case on access_audit (referral_id) where referral_id is not null;
create index access_audit_results on access_audit using gin (result_ids);

-- The victim search needs more than a first name: full name with date of birth or postcode, a phone, an email or a
-- personRef (all erased with the row).
alter table case_person add column date_of_birth date;
alter table case_person add column email_norm text;
alter table case_person add column postcode_norm text;
create index case_person_full_name_parts on case_person (last_name_norm, first_name_norm);
create index case_person_email on case_person (email_norm);
drop index case_person_first_name;
drop index case_person_full_name;
