-- Issue 23: accounts created through the API, and machine accounts. A service account is an account that
-- never signs in with a password (no second factor either): it calls the API with long-lived keys, each
-- revocable, stored as SHA-256 only, optionally bound to address ranges. Its role and jurisdiction are the
-- account's; its reads count in the guard under its own name; the audit trail names it.
alter table app_user add column service boolean not null default false;

create table api_key (
    id                bigint generated always as identity primary key,
    user_id           bigint not null references app_user,
    key_hash          bytea not null unique check (length(key_hash) = 32),
    -- the first characters of the key, to tell keys apart in lists and logs (never enough to use it)
    prefix            text not null check (length(prefix) between 6 and 16),
    allowed_addresses cidr[],
    created_by        bigint not null references app_user,
    created_at        timestamptz not null default now(),
    last_used_at      timestamptz,
    revoked_at        timestamptz,
    revoked_by        bigint references app_user,
    constraint api_key_revoked_by check ((revoked_at is null) = (revoked_by is null))
);
create index api_key_user on api_key (user_id);

-- Every call of a service account is in the audit trail, its reads too.
alter table audit_event drop constraint audit_event_kind_check;
alter table audit_event add constraint audit_event_kind_check
    check (kind in ('WRITE', 'DENIED', 'READ_PERSONAL', 'SERVICE_READ'));
