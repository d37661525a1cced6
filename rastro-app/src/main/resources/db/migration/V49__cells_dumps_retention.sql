-- Phone records, second part (issue 19): cell sites, tower dumps, the case's retention and destruction, and the
-- chart's export under a second person's approval.

-- Cell sites as operators list them: where the antenna is, where it points and how far it reaches. Reference
-- data, not personal: shared by every investigation, replaced when an operator sends a newer list.
create table cell_site (
    cell_id     text primary key check (length(cell_id) between 1 and 60),
    operator    text not null check (length(operator) between 1 and 60),
    latitude    double precision not null check (latitude between -90 and 90),
    longitude   double precision not null check (longitude between -180 and 180),
    -- Where the sector points (degrees from north) and how wide its beam is; an omnidirectional cell has neither.
    azimuth     int check (azimuth between 0 and 359),
    beam_width  int check (beam_width between 1 and 360),
    radius_m    int not null check (radius_m between 50 and 50000),
    address     text check (length(address) <= 300),
    listed_by   bigint not null references app_user (id),
    listed_at   timestamptz not null default now(),
    check ((azimuth is null) = (beam_width is null))
);

-- A tower dump is an import of every phone seen at the warrant's cells in its window; the rest are call records.
alter table phone_import add column kind text not null default 'CDR' check (kind in ('CDR', 'TOWER_DUMP'));

create index call_record_cell_idx on call_record (investigation_id, first_cell, started_at);
create index call_record_import_idx on call_record (import_id);

-- A case closes with a retention date; past it, its records are destroyed and the destruction recorded.
alter table investigation
    add column closed_at    timestamptz,
    add column closed_by    bigint references app_user (id),
    add column retain_until date,
    add column destroyed_at timestamptz,
    add column destroyed_records int,
    add column destroyed_by bigint references app_user (id),
    add check ((closed_at is null) = (retain_until is null)),
    add check (destroyed_at is null or closed_at is not null);

-- What the court file receives: the chart's people, phones, weapons and links as CSV or PDF, after a second person
-- approved it.
alter table export_request drop constraint export_request_kind_check;
alter table export_request add constraint export_request_kind_check
    check (kind in ('RECOVERIES_CSV', 'LOG_OPENINGS', 'PHONE_CHART'));
