-- Issue 23, history in bulk: the holder × weapon days (V18) were kept by a trigger per event, one upsert
-- each; a batch of 10,000 events paid 10,000 of them. Per statement, over the statement's new rows, the
-- same days are merged in one upsert per holder and weapon.
drop trigger custody_event_holder_weapon on custody_event;
drop function holder_weapon_track();

create function holder_weapon_track() returns trigger language plpgsql as $$
begin
    insert into holder_weapon as h (holder_id, weapon_id, days)
    select holder_id, weapon_id, range_agg(daterange(occurred_on, occurred_on, '[]'))
      from (select organisation_id as holder_id, weapon_id, occurred_on from new_rows
             where weapon_id is not null and organisation_id is not null
               and kind not in ('RECOVERY', 'SEIZURE', 'CORRECTION')
            union all
            select counterpart_id, weapon_id, occurred_on from new_rows
             where weapon_id is not null and counterpart_id is not null
               and kind in ('TRANSFER_SENT', 'SALE', 'LICENSED_EXPORT')) d
     group by holder_id, weapon_id
    on conflict (holder_id, weapon_id) do update set days = h.days + excluded.days;
    return null;
end $$;

create trigger custody_event_holder_weapon after insert on custody_event
    referencing new table as new_rows for each statement execute function holder_weapon_track();
