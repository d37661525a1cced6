-- Phone records under warrants (issue 19). An investigation holds warrants; every import names one and keeps
-- only the rows within its numbers, handsets or cells and its time window (the rest are refused and counted,
-- never stored). Numbers, IMEIs and IMSIs are personal data: sealed at rest (FieldCipher) and searched by a
-- keyed blind index, like people's names. Every analysis is kept with its investigation and purpose.

create table investigation (
    id          bigint generated always as identity primary key,
    number      text not null unique check (length(number) between 1 and 60),
    title       text not null check (length(title) between 1 and 200),
    opened_by   bigint not null references app_user (id),
    opened_at   timestamptz not null default now()
);

create table warrant (
    id               bigint generated always as identity primary key,
    investigation_id bigint not null references investigation (id),
    reference        text not null check (length(reference) between 1 and 100),
    court            text not null check (length(court) between 1 and 200),
    judge            text not null check (length(judge) between 1 and 200),
    issued_on        date not null,
    expires_on       date not null,
    window_from      timestamptz not null,
    window_to        timestamptz not null,
    -- The E.164 numbers and IMEIs the warrant covers: blind indexes (hex) to match rows, and the list sealed to show
    -- it; cell ids in clear (they are operators' antennas, not people).
    number_indexes   text[] not null default '{}',
    imei_indexes     text[] not null default '{}',
    covered_sealed   bytea not null,
    cells            text[] not null default '{}',
    created_by       bigint not null references app_user (id),
    created_at       timestamptz not null default now(),
    unique (investigation_id, reference),
    check (expires_on >= issued_on),
    check (window_from < window_to),
    check (cardinality(number_indexes) + cardinality(imei_indexes) + cardinality(cells) > 0)
);

create table phone_import (
    id            bigint generated always as identity primary key,
    warrant_id    bigint not null references warrant (id),
    template      text not null,
    file_name     text not null,
    file_sha256   bytea not null,
    rows_read     int not null,
    rows_stored   int not null,
    rows_refused  int not null,
    imported_by   bigint not null references app_user (id),
    imported_at   timestamptz not null default now(),
    unique (warrant_id, file_sha256)
);

create table call_record (
    id               bigint generated always as identity primary key,
    import_id        bigint not null references phone_import (id),
    investigation_id bigint not null references investigation (id),
    a_index          bytea not null,
    a_sealed         bytea not null,
    b_index          bytea,
    b_sealed         bytea,
    started_at       timestamptz not null,
    duration_s       int not null check (duration_s >= 0),
    kind             text not null check (kind in ('VOICE', 'SMS', 'DATA')),
    direction        text not null check (direction in ('OUT', 'IN')),
    imei_index       bytea,
    imei_sealed      bytea,
    imsi_sealed      bytea,
    first_cell       text,
    last_cell        text
);
create index call_record_a_idx on call_record (investigation_id, a_index, started_at);
create index call_record_b_idx on call_record (investigation_id, b_index, started_at);

-- Every analysis read: who, in which investigation, for what stated purpose, what was asked, how many records.
create table phone_query (
    id               bigint generated always as identity primary key,
    investigation_id bigint not null references investigation (id),
    user_id          bigint not null references app_user (id),
    purpose          text not null check (length(purpose) between 5 and 500),
    analysis         text not null,
    subject_sealed   bytea not null,
    records          int not null,
    asked_at         timestamptz not null default now()
);

-- The read guard counts phone records read, as it counts weapons, people and traces.
alter table read_record drop constraint read_record_kind_check;
alter table read_record add constraint read_record_kind_check
    check (kind in ('WEAPON', 'PERSON', 'TRACE', 'LOT', 'OPENING', 'PHONE_RECORD'));
