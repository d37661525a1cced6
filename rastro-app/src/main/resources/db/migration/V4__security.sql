-- Accounts, API tokens and the one-time token that creates the first administrator.

create table app_user (
    id            bigint generated always as identity primary key,
    username      text not null unique check (username ~ '^[a-z0-9._-]{3,40}$'),
    password_hash text not null,
    role          text not null check (role in ('REGISTRY_OFFICER', 'ARMORY_CLERK', 'UNIT_COMMANDER',
                      'INSPECTOR', 'TRACE_ANALYST', 'INVESTIGATOR', 'AUDITOR', 'FOREIGN_PARTNER',
                      'ADMINISTRATOR')),
    display_name  text not null,
    -- the organisation whose tree this account works in; null means national scope
    organisation_id bigint references organisation,
    -- for foreign partners: their country (ISO 3166-1 alpha-2)
    partner_country char(2),
    language      text not null default 'es' check (language in ('es', 'en')),
    enabled       boolean not null default true,
    created_at    timestamptz not null default now()
);

-- Only SHA-256 of a bearer token is stored: a database reader cannot replay tokens.
create table api_token (
    token_hash bytea primary key check (length(token_hash) = 32),
    user_id    bigint not null references app_user,
    issued_at  timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
);
create index api_token_user_idx on api_token (user_id);

create table setup_token (
    token_hash bytea primary key check (length(token_hash) = 32),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz
);
