-- Heartbeat checkpoints: an idle log re-publishes its checkpoint with a fresh time-stamped
-- cosignature, so a verifier can tell a checkpoint is recent. Several checkpoints may now share a
-- tree size; the latest is the one with the highest id. Still append-only (the triggers remain).
alter table ledger_checkpoint drop constraint ledger_checkpoint_pkey;
alter table ledger_checkpoint add column id bigint generated always as identity;
alter table ledger_checkpoint add primary key (id);
create index ledger_checkpoint_size_idx on ledger_checkpoint (size);
