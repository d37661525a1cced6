-- Lockout after repeated failed sign-ins: the count of consecutive failures and, once it reaches the
-- limit, until when the account refuses even the right password.
alter table app_user add column failed_logins integer not null default 0 check (failed_logins >= 0);
alter table app_user add column locked_until timestamptz;
