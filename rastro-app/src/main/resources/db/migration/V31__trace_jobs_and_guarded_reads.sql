-- Trace batches run as jobs (issue 18): the request checks the file and answers at once with the job;
-- a background worker traces its rows, each row's trace and its result row committed together, so a
-- job interrupted by a restart resumes where it stopped without tracing a row twice.
create table trace_job (
    id            bigint generated always as identity primary key,
    requested_by  bigint not null references app_user,
    partial       boolean not null,
    language      text not null check (language in ('es', 'en')),
    input         bytea not null,
    total         integer not null check (total >= 0),
    status        text not null default 'QUEUED' check (status in ('QUEUED', 'RUNNING', 'DONE', 'STOPPED')),
    stop_reason   text check (length(stop_reason) <= 2000),
    created_at    timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    constraint trace_job_stopped_why check ((status = 'STOPPED') = (stop_reason is not null))
);
create index trace_job_waiting on trace_job (id) where status in ('QUEUED', 'RUNNING');
create index trace_job_by_requester on trace_job (requested_by, id);

-- One result row per line of the file: traced (with its trace) or rejected (with why).
create table trace_job_row (
    job_id    bigint not null references trace_job on delete cascade,
    line      bigint not null,
    trace_id  bigint references trace,
    cells     text[] not null,
    primary key (job_id, line)
);

-- The read guard also counts ordnance lots and custody events' openings (issue 18: bulk reads it never saw).
alter table read_record drop constraint read_record_kind_check;
alter table read_record add constraint read_record_kind_check
    check (kind in ('WEAPON', 'PERSON', 'TRACE', 'LOT', 'OPENING'));

-- Reading the openings of the log in bulk (the auditor's full verification) needs a second person's approval.
alter table export_request drop constraint export_request_kind_check;
alter table export_request add constraint export_request_kind_check check (kind in ('RECOVERIES_CSV', 'LOG_OPENINGS'));

-- Reads under an approval are tallied apart: they never count toward the guard's thresholds.
alter table read_record add column approved boolean not null default false;
