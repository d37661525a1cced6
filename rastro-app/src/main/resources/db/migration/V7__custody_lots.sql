-- Custody of ordnance lots, licensed exports and corrections.
--
-- A lot is counted, not serialized: its events carry a quantity, and the projection lot_holding
-- keeps the balance of each lot per holder (and per person it was issued to). The rule "a lot's
-- balance never goes negative" is enforced by the service under a row lock on the lot, and the
-- check constraint below is the last line of defence.

alter type custody_kind add value 'LICENSED_EXPORT' before 'IMPORT_RECEIPT';
alter type custody_kind add value 'CONSUMPTION' after 'INVENTORY_SEEN';
alter type custody_kind add value 'CORRECTION';

alter table custody_event
    alter column weapon_id drop not null,
    add column lot_id bigint references ordnance_lot,
    -- lots: how many units the event moves (a count may find none)
    add column quantity bigint check (quantity >= 0),
    -- consumption: what it was spent on; participants let reviewers judge proportion
    add column activity_kind text check (activity_kind in ('TRAINING', 'OPERATION')),
    add column activity_name text check (length(activity_name) between 1 and 200),
    add column participants integer check (participants > 0),
    -- a correction names the event it corrects (of the same item); nothing is ever edited
    add column corrects_event_id bigint references custody_event,
    -- exports and import receipts: the licence they were checked against
    add column licence_id bigint references licence,
    add constraint custody_event_one_item check ((weapon_id is null) <> (lot_id is null)),
    add constraint custody_event_lot_quantity check (lot_id is null or kind::text = 'CORRECTION' or quantity is not null),
    add constraint custody_event_activity check ((activity_kind is null) = (activity_name is null));
create index custody_event_lot_idx on custody_event (lot_id, id) where lot_id is not null;
create index custody_event_corrects_idx on custody_event (corrects_event_id) where corrects_event_id is not null;

-- Balance of a lot per holder; person_id set for the part issued to a person by that holder.
create table lot_holding (
    lot_id    bigint not null references ordnance_lot,
    holder_id bigint not null references organisation,
    person_id bigint references person,
    quantity  bigint not null check (quantity >= 0),
    constraint lot_holding_key unique nulls not distinct (lot_id, holder_id, person_id)
);
create index lot_holding_holder_idx on lot_holding (holder_id);

-- Quantities of a lot sent (or exported) and not yet received: what is in transit, and from when.
create table lot_transfer (
    sent_event_id bigint primary key references custody_event,
    lot_id        bigint not null references ordnance_lot,
    from_id       bigint not null references organisation,
    to_id         bigint not null references organisation,
    outstanding   bigint not null check (outstanding >= 0)
);
create index lot_transfer_open_idx on lot_transfer (lot_id) where outstanding > 0;

-- (kind::text above: a value added to an enum cannot be used in the transaction that adds it.)

-- Weapons: exported under a licence and not yet received; and, once recovered, who held it lawfully
-- before (so that holder may still report the loss: late, and flagged).
alter table weapon_custody drop constraint weapon_custody_state_check;
alter table weapon_custody
    add constraint weapon_custody_state_check check (state in ('EXPORTED', 'HELD', 'ISSUED', 'IN_TRANSIT', 'MISSING',
        'STOLEN', 'DESTROYED', 'RECOVERED')),
    add column previous_holder_id bigint references organisation;
create index weapon_custody_state_idx on weapon_custody (state, holder_id);
