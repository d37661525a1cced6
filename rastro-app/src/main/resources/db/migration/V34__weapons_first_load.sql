-- Issue 23, the national load. Loading millions of weapons into an empty registry row by row through
-- its unique key, secondary indexes and foreign-key triggers costs several times what building the same
-- indexes and checking the same keys once, at the end, costs (measured: docs/BENCHMARKS.md). So the first
-- load into an empty weapon table defers them, inside the import's own transaction:
--
--   weapons_first_load_begin()  locks the weapon tables, and when they are empty drops their unique and
--                               foreign-key constraints and secondary indexes, keeping each definition;
--   weapons_first_load_end()    recreates every one of them from its kept definition (a unique or foreign
--                               key that the load broke makes it fail, and the whole import rolls back).
--
-- Both are security definer: the application's account owns no table and may not run DDL. They take no
-- argument, so nothing the application sends reaches the DDL they run; the kept definitions are in a table
-- the application may not touch (afterMigrate.sql), and a transaction that began a first load cannot
-- commit without ending it (the deferred trigger below). Transactional DDL: a rollback restores all.

create table first_load_deferred (
    txid xid8 not null default pg_current_xact_id(),
    ord  integer not null,
    ddl  text not null,  -- what recreates it
    undo text not null,  -- what drops it
    primary key (txid, ord)
);

create function first_load_must_end() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if exists (select 1 from first_load_deferred where txid = new.txid) then
        raise exception 'a first load of weapons began and did not end: its indexes and constraints would be missing'
            using errcode = 'integrity_constraint_violation';
    end if;
    return null;
end $$;

create constraint trigger first_load_must_end after insert on first_load_deferred
    deferrable initially deferred for each row execute function first_load_must_end();

create function weapons_first_load_begin() returns boolean
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    d record;
    n integer := 0;
begin
    lock table weapon, licence_weapon_delivery in access exclusive mode;
    if exists (select 1 from weapon) or exists (select 1 from licence_weapon_delivery) then
        return false;
    end if;
    -- Kept in the order they are recreated: indexes, then unique keys, then foreign keys. Dropped in reverse.
    for d in
        select 1 as step, c.relname as name, pg_get_indexdef(i.indexrelid) as ddl,
               format('drop index %I', c.relname) as undo
          from pg_index i join pg_class t on t.oid = i.indrelid join pg_class c on c.oid = i.indexrelid
         where t.relname in ('weapon', 'licence_weapon_delivery') and t.relnamespace = 'public'::regnamespace
           and not i.indisprimary
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        union all
        select case c.contype when 'u' then 2 else 3 end, c.conname,
               format('alter table %I add constraint %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)),
               format('alter table %I drop constraint %I', t.relname, c.conname)
          from pg_constraint c join pg_class t on t.oid = c.conrelid
         where t.relname in ('weapon', 'licence_weapon_delivery') and t.relnamespace = 'public'::regnamespace
           and c.contype in ('u', 'f')
         order by 1, 2
    loop
        n := n + 1;
        insert into first_load_deferred (ord, ddl, undo) values (n, d.ddl, d.undo);
    end loop;
    for d in select undo from first_load_deferred where txid = pg_current_xact_id() order by ord desc loop
        execute d.undo;
    end loop;
    return true;
end $$;

create function weapons_first_load_end() returns void
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    d record;
begin
    -- Index builds sort in memory and use the parallel workers the server allows.
    perform set_config('maintenance_work_mem', '512MB', true);
    for d in select ddl from first_load_deferred where txid = pg_current_xact_id() order by ord loop
        execute d.ddl;
    end loop;
    delete from first_load_deferred where txid = pg_current_xact_id();
    -- The planner's statistics of a table that was empty a minute ago say nothing true.
    analyze weapon;
    analyze licence_weapon_delivery;
end $$;

revoke all on function weapons_first_load_begin() from public;
revoke all on function weapons_first_load_end() from public;
