-- The second factor: a TOTP secret per account of a role that reads personal data or changes custody,
-- sealed like personal data (AES-GCM, key outside the database), and the last time step accepted, so a
-- code is never accepted twice (RFC 6238, section 5.2).
alter table app_user add column totp_secret bytea, add column totp_last_step bigint;
