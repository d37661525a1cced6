-- The person who receives or returns a weapon acknowledges it with their own PIN, typed by them on the
-- clerk's tablet: the custody log then shows not only what the clerk recorded but that the recipient
-- confirmed it. The PIN is kept hashed (Argon2), chosen by the person, changed only with the old one,
-- and locked after five wrong tries until a commander or an inspector resets it.
create table person_pin (
    person_id bigint primary key references person,
    pin_hash  text not null,
    failures  integer not null default 0 check (failures >= 0),
    set_at    timestamptz not null default now(),
    set_by    bigint not null references app_user
);

-- One acknowledgement per custody event, by the person the event names; never changed.
create table custody_acknowledgement (
    event_id        bigint primary key references custody_event,
    person_id       bigint not null references person,
    method          text not null check (method in ('PIN')),
    acknowledged_at timestamptz not null default now()
);
create trigger custody_acknowledgement_append_only before update or delete on custody_acknowledgement
    for each row execute function reject_change();
