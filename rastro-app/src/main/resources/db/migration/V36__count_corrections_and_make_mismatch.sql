-- Counts as people make them: a capture error is corrected by a new entry that names the one it
-- corrects (never an edit: entries stay append-only), and a known serial entered with another make
-- is kept as entered, linked to the registered weapon and marked, so the reconciliation reports one
-- make mismatch instead of a missing weapon plus an unexpected one.

-- A correcting entry names the entry it corrects and says why; its serial (or quantity) is what should
-- have been entered, or none when the corrected entry should not have been entered at all. An entry is
-- corrected at most once; the correction itself can be corrected.
alter table count_entry
    alter column serial_as_entered drop not null,
    alter column serial_normalised drop not null,
    add column corrects      bigint unique references count_entry,
    add column reason        text check (length(reason) between 1 and 2000),
    -- the serial names exactly one registered weapon, and the make entered is not that weapon's
    add column make_mismatch boolean not null default false,
    add constraint count_entry_serial_or_withdrawal
        check ((serial_as_entered is null) = (serial_normalised is null) and (serial_as_entered is not null or corrects is not null)),
    add constraint count_entry_correction_says_why check ((corrects is null) = (reason is null)),
    add constraint count_entry_mismatch_names_weapon check (not make_mismatch or weapon_id is not null);

alter table count_lot_entry
    alter column quantity drop not null,
    add column corrects bigint unique references count_lot_entry,
    add column reason   text check (length(reason) between 1 and 2000),
    add constraint count_lot_entry_quantity_or_withdrawal check (quantity is not null or corrects is not null),
    add constraint count_lot_entry_correction_says_why check ((corrects is null) = (reason is null));

-- What stands of a count: the entries that carry a serial (or a quantity) and that no later entry corrects.
create view count_entry_standing as
    select e.* from count_entry e
     where e.serial_normalised is not null
       and not exists (select 1 from count_entry c where c.corrects = e.id);

create view count_lot_entry_standing as
    select e.* from count_lot_entry e
     where e.quantity is not null
       and not exists (select 1 from count_lot_entry c where c.corrects = e.id);

alter table discrepancy drop constraint discrepancy_kind_check;
alter table discrepancy add constraint discrepancy_kind_check
    check (kind in ('MISSING', 'MISPLACED', 'UNEXPECTED', 'QUANTITY', 'MAKE_MISMATCH'));

-- A make mismatch keeps the make as it was entered (the registered one is the weapon's).
alter table discrepancy add column make_as_entered text check (length(make_as_entered) <= 200);
-- A lot the holder stocks that no entry counted (it reached the holder after the first signature) is
-- a case with no counted quantity: not counted is not zero.
-- How many weapons the books expected at the close, kept because a make mismatch is neither seen nor missing.
alter table count_session add column expected_at_close integer check (expected_at_close >= 0);
