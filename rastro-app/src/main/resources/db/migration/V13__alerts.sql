-- Alerts: something a person or an organisation must look at (a recovered weapon that was reported
-- lost, a loss reported for a weapon already recovered, and later the accountability thresholds).
-- Addressed to an organisation, a user, or both; acknowledged with a reason, never deleted.
create table alert (
    id              bigint generated always as identity primary key,
    kind            text not null check (kind ~ '^[A-Z_]{3,60}$'),
    weapon_id       bigint references weapon,
    organisation_id bigint references organisation,
    user_id         bigint references app_user,
    trace_id        bigint references trace,
    event_id        bigint references custody_event,
    message         text not null check (length(message) between 1 and 2000),
    created_at      timestamptz not null default now(),
    acknowledged_at timestamptz,
    acknowledged_by bigint references app_user,
    acknowledgement text check (length(acknowledgement) <= 2000),
    constraint alert_addressed check (organisation_id is not null or user_id is not null),
    constraint alert_acknowledged check ((acknowledged_at is null) = (acknowledged_by is null))
);
create index alert_organisation_idx on alert (organisation_id, id desc);
create index alert_user_idx on alert (user_id, id desc);
