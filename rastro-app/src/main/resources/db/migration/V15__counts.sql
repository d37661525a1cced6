-- Inventory counts: a session per holder, what was counted (weapons by serial, lots by quantity),
-- two signatures to close it, and the discrepancies found when it closes, each a case worked to a
-- resolution that is itself a custody event. What was seen and what was missing at the count go into
-- the custody log as events (INVENTORY_SEEN, INVENTORY_MISSING), so "it was there at the last count"
-- can be checked against the log.

alter type custody_kind add value 'INVENTORY_MISSING' after 'INVENTORY_SEEN';

create table count_session (
    id              bigint generated always as identity primary key,
    holder_id       bigint not null references organisation,
    counted_on      date not null,
    -- blind: the counters do not see what the books expect until the session is closed
    blind           boolean not null default true,
    status          text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    opened_by       bigint not null references app_user,
    opened_at       timestamptz not null default now(),
    first_signer    bigint references app_user,
    first_signed_at timestamptz,
    closed_by       bigint references app_user,
    closed_at       timestamptz,
    constraint count_session_closed check ((status = 'CLOSED') = (closed_at is not null and closed_by is not null)),
    -- two people sign: the second signature closes the session and is never the first signer's
    constraint count_session_two_people check (closed_by is null or (first_signer is not null and closed_by <> first_signer))
);
create unique index count_session_one_open on count_session (holder_id) where status = 'OPEN';
create index count_session_holder_idx on count_session (holder_id, id desc);

create table count_entry (
    id                bigint generated always as identity primary key,
    session_id        bigint not null references count_session,
    serial_as_entered text not null check (length(serial_as_entered) between 1 and 60),
    serial_normalised text not null check (serial_normalised ~ '^[A-Z0-9]{1,40}$'),
    make              text check (length(make) <= 200),
    -- the registered weapon the serial names, when exactly one does (null: not in the registry)
    weapon_id         bigint references weapon,
    method            text not null check (method in ('HAND', 'SCAN', 'FILE')),
    entered_by        bigint not null references app_user,
    entered_at        timestamptz not null default now()
);
create index count_entry_session_idx on count_entry (session_id, weapon_id);

create table count_lot_entry (
    id         bigint generated always as identity primary key,
    session_id bigint not null references count_session,
    lot_id     bigint not null references ordnance_lot,
    quantity   bigint not null check (quantity >= 0),
    method     text not null check (method in ('HAND', 'SCAN', 'FILE')),
    entered_by bigint not null references app_user,
    entered_at timestamptz not null default now()
);
create index count_lot_entry_session_idx on count_lot_entry (session_id, lot_id);

create table discrepancy (
    id                  bigint generated always as identity primary key,
    session_id          bigint not null references count_session,
    holder_id           bigint not null references organisation,
    kind                text not null check (kind in ('MISSING', 'MISPLACED', 'UNEXPECTED', 'QUANTITY')),
    weapon_id           bigint references weapon,
    lot_id              bigint references ordnance_lot,
    serial_as_entered   text,
    expected_quantity   bigint,
    counted_quantity    bigint,
    -- what the books said of the item at the close: its custody state and holder, and whether it was on
    -- its way to this holder with the receipt never recorded (null state: not in the registry)
    book_state          text,
    book_holder_id      bigint references organisation,
    in_transit_here     boolean not null default false,
    status              text not null default 'OPEN' check (status in ('OPEN', 'INVESTIGATING', 'RESOLVED')),
    resolution          text check (resolution in ('FOUND', 'RECEIVED', 'LOSS_REPORT', 'THEFT_REPORT', 'CORRECTION')),
    resolution_event_id bigint references custody_event,
    resolved_at         timestamptz,
    resolved_by         bigint references app_user,
    constraint discrepancy_item check (weapon_id is not null or lot_id is not null or serial_as_entered is not null),
    -- never a silent fix: a resolved case names the custody event that resolved it
    constraint discrepancy_resolved check ((status = 'RESOLVED') = (resolution_event_id is not null
        and resolution is not null and resolved_at is not null and resolved_by is not null))
);
create index discrepancy_holder_idx on discrepancy (holder_id, status);
create index discrepancy_session_idx on discrepancy (session_id);

-- Every step of a case, with who took it and why: the case's audited trail.
create table discrepancy_step (
    id             bigint generated always as identity primary key,
    discrepancy_id bigint not null references discrepancy,
    status         text not null check (status in ('OPEN', 'INVESTIGATING', 'RESOLVED')),
    note           text not null check (length(note) between 1 and 2000),
    event_id       bigint references custody_event,
    taken_by       bigint references app_user,
    taken_at       timestamptz not null default now()
);
create index discrepancy_step_idx on discrepancy_step (discrepancy_id, id);

create trigger count_entry_append_only before update or delete on count_entry
    for each row execute function reject_change();
create trigger count_lot_entry_append_only before update or delete on count_lot_entry
    for each row execute function reject_change();
create trigger discrepancy_step_append_only before update or delete on discrepancy_step
    for each row execute function reject_change();

-- Reconciliation reads a holder's weapons by holder whatever their state.
create index weapon_custody_holder_idx on weapon_custody (holder_id);
