-- Witnesses (issue 22): what each witness of the log's policy last answered, and the checkpoints that met
-- the policy's quorum with the witnesses' cosignatures — what /ledger/checkpoint publishes.

-- One row per witness, by its name in the policy. cosigned_size is the size it last cosigned for this log:
-- the "old" size of the next add-checkpoint request. A state, so it is updated in place.
create table ledger_witness (
    name            text primary key,
    url             text not null,
    cosigned_size   bigint check (cosigned_size >= 0),
    cosigned_at     timestamptz,
    outcome         text not null check (outcome in ('COSIGNED', 'UNREACHABLE', 'REFUSED', 'CONFLICT')),
    reason          text not null,         -- why, as a code the page words (Witnessing.Reason)
    witness_size    bigint,                -- the size the witness says it holds, when it said one
    http_status     int,                   -- the witness's HTTP status, when it refused
    said            text,                  -- the witness's own words, quoted as they came (at most 500 characters)
    answered_at     timestamptz not null default now()
);

-- Checkpoints cosigned by a quorum: the log's note followed by the witnesses' cosignature lines. Append-only,
-- like the checkpoints themselves.
create table ledger_cosigned_checkpoint (
    id              bigint generated always as identity primary key,
    checkpoint_id   bigint not null references ledger_checkpoint (id),
    size            bigint not null check (size >= 0),
    note            text not null,
    witnesses       text[] not null,
    cosigned_at     timestamptz not null default now()
);
create index ledger_cosigned_checkpoint_size_idx on ledger_cosigned_checkpoint (size);

create trigger ledger_cosigned_checkpoint_append_only before update or delete on ledger_cosigned_checkpoint
    for each row execute function reject_change();
create trigger ledger_cosigned_checkpoint_no_truncate before truncate on ledger_cosigned_checkpoint
    for each statement execute function reject_truncate();
