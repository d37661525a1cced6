-- The audit trail as a hash chain: each event's chain value is SHA-256(previous value || the event's
-- canonical bytes), in the order a single head row hands out sequence numbers (so concurrent inserts
-- cannot interleave differently from the chain). Every signed checkpoint of the custody log carries the
-- head (a "rastro-audit <seq> <chain>" extension line): an auditor who recomputes the chain and finds the
-- committed head proves that no event before it was altered or trimmed away.

alter table audit_event add column chain_seq bigint, add column chain bytea;

create table audit_head (
    id    integer primary key check (id = 1),
    seq   bigint not null,
    chain bytea not null check (length(chain) = 32)
);
insert into audit_head (id, seq, chain) values (1, 0, decode(repeat('00', 32), 'hex'));

-- What the chain hashes: every recorded field, in order, separated by the unit separator, a missing
-- value written as the record separator; the time in UTC to the microsecond.
create function audit_canonical(e audit_event) returns bytea language sql immutable as $$
    select convert_to(concat_ws(chr(31), e.id::text,
        to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(e.username, chr(30)), coalesce(e.role, chr(30)), coalesce(e.remote_addr, chr(30)), e.method, e.path,
        e.kind, e.status::text, coalesce(e.object, chr(30)), coalesce(e.purpose, chr(30))), 'UTF8')
$$;

-- Chain what an older database already holds, in id order.
alter table audit_event disable trigger audit_event_append_only;
do $$
declare
    r record;
    h bytea := decode(repeat('00', 32), 'hex');
    n bigint := 0;
begin
    for r in select * from audit_event order by id loop
        n := n + 1;
        h := sha256(h || audit_canonical(r));
        update audit_event set chain_seq = n, chain = h where id = r.id;
    end loop;
    update audit_head set seq = n, chain = h where id = 1;
end $$;
alter table audit_event enable trigger audit_event_append_only;
alter table audit_event alter column chain_seq set not null, alter column chain set not null;
create unique index audit_event_chain_seq_idx on audit_event (chain_seq);

-- Runs as the schema owner: the application's account inserts events but cannot move the head itself.
create function audit_chain() returns trigger language plpgsql security definer set search_path = public as $$
begin
    update audit_head set seq = seq + 1, chain = sha256(chain || audit_canonical(new)) where id = 1
        returning seq, chain into new.chain_seq, new.chain;
    return new;
end $$;
create trigger audit_event_chain before insert on audit_event for each row execute function audit_chain();
