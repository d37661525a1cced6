-- Custody events of serialized items. Events are facts: append-only, never edited; a mistake is
-- corrected by a new event. Each event's details are committed to (salted SHA-256) and the
-- commitment goes into the verifiable log through the outbox; the details and the nonce stay here.

create type custody_kind as enum ('IMPORT_RECEIPT', 'TRANSFER_SENT', 'TRANSFER_RECEIVED', 'ISSUE', 'RETURN',
    'LOSS_REPORT', 'THEFT_REPORT', 'INVENTORY_SEEN', 'SALE', 'DESTRUCTION', 'RECOVERY', 'SEIZURE');

create table custody_event (
    id              bigint generated always as identity primary key,
    -- chosen by the client: a retry after a timeout carries the same key and records nothing new
    idempotency_key text not null unique check (length(idempotency_key) between 8 and 100),
    kind            custody_kind not null,
    weapon_id       bigint not null references weapon,
    organisation_id bigint not null references organisation,
    counterpart_id  bigint references organisation,
    person_id       bigint references person,
    occurred_on     date not null,
    recorded_at     timestamptz not null,
    recorded_by     bigint not null references app_user,
    note            text check (length(note) <= 2000),
    -- a recovery of a destroyed item, for example: allowed, and marked for whoever reviews it
    red_flag        boolean not null default false,
    nonce           bytea not null check (length(nonce) = 32),
    commitment      bytea not null check (length(commitment) = 32)
);
create index custody_event_weapon_idx on custody_event (weapon_id, id);

-- Which log entry carries which event. Written in the same transaction as the log entry.
create table custody_event_leaf (
    event_id   bigint primary key references custody_event,
    ledger_idx bigint not null unique references ledger_entry (idx)
);

-- Events committed but not yet in the log: a work queue, emptied by the log integrator.
create table custody_outbox (
    event_id bigint primary key references custody_event
);

-- The current state of each item, derived from its events (a projection, updated with each event).
create table weapon_custody (
    weapon_id     bigint primary key references weapon,
    state         text not null check (state in ('HELD', 'ISSUED', 'IN_TRANSIT', 'MISSING', 'STOLEN', 'DESTROYED',
                      'RECOVERED')),
    holder_id     bigint references organisation,
    person_id     bigint references person,
    to_id         bigint references organisation,
    last_event_id bigint not null references custody_event
);

create trigger custody_event_append_only before update or delete on custody_event
    for each row execute function reject_change();
create trigger custody_event_leaf_append_only before update or delete on custody_event_leaf
    for each row execute function reject_change();
create trigger custody_event_no_truncate before truncate on custody_event
    for each statement execute function reject_truncate();
