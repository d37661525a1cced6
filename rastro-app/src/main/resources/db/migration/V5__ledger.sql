-- The verifiable custody log (docs/LEDGER in shared design notes): entries, the stored hashes of
-- every complete subtree, and signed checkpoints. All three are append-only: rows are written once
-- by the integrator and never changed; a trigger rejects UPDATE and DELETE (and the application
-- role, in production, holds no such privilege). Tampering by someone who bypasses the trigger is
-- what `rastro verify log` exists to catch.

create table ledger_entry (
    idx           bigint primary key check (idx >= 0),
    entry         bytea not null check (length(entry) between 1 and 65535),
    integrated_at timestamptz not null default now()
);

-- Hash of the complete subtree of 2^level leaves starting at leaf idx << level (level 0: leaf hashes).
create table ledger_hash (
    level smallint not null check (level between 0 and 63),
    idx   bigint not null check (idx >= 0),
    hash  bytea not null check (length(hash) = 32),
    primary key (level, idx)
);

create table ledger_checkpoint (
    size       bigint primary key check (size >= 0),
    root_hash  bytea not null check (length(root_hash) = 32),
    note       text not null,
    created_at timestamptz not null default now()
);

create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function reject_change();
create trigger ledger_hash_append_only before update or delete on ledger_hash
    for each row execute function reject_change();
create trigger ledger_checkpoint_append_only before update or delete on ledger_checkpoint
    for each row execute function reject_change();
-- TRUNCATE does not fire row triggers: refuse it explicitly.
create function reject_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'TRUNCATE on % is not allowed: the table is append-only', tg_table_name
        using errcode = 'insufficient_privilege';
end $$;
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function reject_truncate();
create trigger ledger_hash_no_truncate before truncate on ledger_hash
    for each statement execute function reject_truncate();
create trigger ledger_checkpoint_no_truncate before truncate on ledger_checkpoint
    for each statement execute function reject_truncate();
