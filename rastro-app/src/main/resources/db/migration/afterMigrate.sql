-- Runs after every migration, as the schema owner. When the application has its own account
-- (${application_role}; empty when it owns the schema), it may read and write the registry but
-- never rewrite history: no UPDATE, DELETE or TRUNCATE on the custody log, its events and the
-- migration history. The triggers say the same to anyone who bypasses this; verification catches
-- whoever bypasses both.
do $$
declare
    app text := '${application_role}';
begin
    if app = '' then
        return;
    end if;
    execute format('grant usage on schema public to %I', app);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
    execute format('grant usage, select on all sequences in schema public to %I', app);
    execute format('revoke update, delete, truncate on ledger_entry, ledger_hash, ledger_checkpoint, ledger_cosigned_checkpoint, custody_event,'
        || ' custody_event_leaf, count_entry, count_lot_entry, discrepancy_step, audit_event,'
        || ' custody_acknowledgement from %I', app);
    -- the audit chain's head moves only through the (security definer) trigger on audit_event
    execute format('revoke insert, update, delete, truncate on audit_head from %I', app);
    execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', app);
    -- a first load of weapons defers its indexes through two functions that run as the owner (V34); the
    -- definitions they keep are theirs alone
    execute format('revoke all on first_load_deferred from %I', app);
    execute format('grant execute on function weapons_first_load_begin(), weapons_first_load_end() to %I', app);
end $$;
