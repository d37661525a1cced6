-- The exfiltration guard: which records each account read, and when, so that an account reading an
-- unusual share of the registry raises an alert and, further on, is blocked. Distinct records are what
-- count: reading one weapon a hundred times is work, reading a hundred thousand weapons once is a copy.
create table read_record (
    user_id   bigint not null references app_user,
    kind      text not null check (kind in ('WEAPON', 'PERSON', 'TRACE')),
    record_id bigint not null,
    at        timestamptz not null,
    primary key (user_id, kind, record_id)
);
create index read_record_at_idx on read_record (at);

-- The guard's alarms: one alert per account, kind and window; a block stays until an administrator lifts it.
create table read_alarm (
    id       bigint generated always as identity primary key,
    user_id  bigint not null references app_user,
    kind     text not null,
    level    text not null check (level in ('ALERT', 'BLOCK')),
    records  bigint not null,
    registry bigint not null,
    at       timestamptz not null default now()
);
create index read_alarm_user_idx on read_alarm (user_id, at desc);

create table account_block (
    user_id   bigint primary key references app_user,
    reason    text not null check (length(reason) between 1 and 2000),
    at        timestamptz not null default now(),
    lifted_at timestamptz,
    lifted_by bigint references app_user
);
