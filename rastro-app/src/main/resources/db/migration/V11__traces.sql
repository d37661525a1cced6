-- Trace requests: a recovered weapon as the examiner observed it, where and when it was recovered,
-- and what the trace found. Kept as the record of what was asked and answered (append-only).
create table trace (
    id               bigint generated always as identity primary key,
    case_number      text not null check (length(case_number) between 1 and 100),
    agency_id        bigint not null references organisation,
    recovered_on     date not null,
    cvegeo           char(5) references municipality (cvegeo),
    latitude         double precision check (latitude between -90 and 90),
    longitude        double precision check (longitude between -180 and 180),
    crime_type       text check (length(crime_type) <= 200),
    seizure          boolean not null default false,
    observed         jsonb not null,
    serial_as_read   text not null check (length(serial_as_read) between 1 and 100),
    obliterated      boolean not null default false,
    requested_by     bigint not null references app_user,
    requested_at     timestamptz not null default now(),
    best_weapon_id   bigint references weapon,
    best_score       integer,
    candidates       integer not null,
    diversion        text
);
create index trace_best_weapon_idx on trace (best_weapon_id);
create trigger trace_append_only before update or delete on trace
    for each row execute function reject_change();
