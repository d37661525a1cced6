-- The audit trail: every write, every denial and every read of personal data, with who, from where,
-- what and the outcome. Append-only like the custody log: a trigger rejects UPDATE and DELETE, and the
-- application's account holds no such privilege (afterMigrate.sql).
create table audit_event (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    username    text,
    role        text,
    remote_addr text,
    method      text not null,
    path        text not null check (length(path) <= 2000),
    kind        text not null check (kind in ('WRITE', 'DENIED', 'READ_PERSONAL')),
    status      integer not null,
    object      text
);
create index audit_event_object_idx on audit_event (object) where object is not null;
create index audit_event_user_idx on audit_event (username, at);

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function reject_change();
