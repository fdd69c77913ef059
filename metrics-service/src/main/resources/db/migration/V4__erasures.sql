-- Erasures (cases.erasures, issue 11): the referrals whose victim's personal data was erased. Their source
-- references are blanked in every fact, and kept blank for facts that arrive after the erasure; counts stay.
CREATE TABLE erasure_fact (
    referral_id uuid        PRIMARY KEY,
    erased_at   timestamptz
);
