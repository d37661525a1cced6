-- Bulk exports need a second person: a request (what, with which filter, why), an approval by another
-- account, and one download. Kept: who asked, who approved, when it was used.
create table export_request (
    id           bigint generated always as identity primary key,
    kind         text not null check (kind in ('RECOVERIES_CSV')),
    parameters   text not null check (length(parameters) <= 2000),
    reason       text not null check (length(reason) between 10 and 1000),
    requested_by bigint not null references app_user,
    requested_at timestamptz not null default now(),
    approved_by  bigint references app_user,
    approved_at  timestamptz,
    used_at      timestamptz,
    constraint export_request_second_person check (approved_by is null or approved_by <> requested_by),
    constraint export_request_approved check ((approved_by is null) = (approved_at is null)),
    constraint export_request_used_after_approval check (used_at is null or approved_at is not null)
);
create index export_request_pending_idx on export_request (requested_at) where approved_at is null;
