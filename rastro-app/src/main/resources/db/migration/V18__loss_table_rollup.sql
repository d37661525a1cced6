-- The national loss table at scale. Its denominator is "the weapons a holder had in its custody in
-- the period": the weapons with a custody event at the holder (or sent, sold or exported to it) on a
-- day of the period. Counting that from tens of millions of events for every holder takes tens of
-- seconds; this table keeps, for every holder and weapon, the days it had such an event, as a
-- multirange, maintained by a trigger as events are appended. "Had an event in the period" is then
-- one overlap test per holder and weapon (a few million rows nationally, not tens of millions).
create table holder_weapon (
    holder_id bigint not null references organisation,
    weapon_id bigint not null references weapon,
    days      datemultirange not null,
    primary key (holder_id, weapon_id)
);

-- The rare events the loss table reads one by one: reports, counts that missed a weapon, recoveries.
create index custody_event_exceptional_idx on custody_event (kind, occurred_on)
    include (weapon_id, organisation_id, reported_on)
    where kind in ('LOSS_REPORT', 'THEFT_REPORT', 'INVENTORY_MISSING', 'RECOVERY', 'SEIZURE');

create function holder_weapon_track() returns trigger language plpgsql as $$
begin
    if new.weapon_id is null then
        return null;
    end if;
    if new.organisation_id is not null and new.kind not in ('RECOVERY', 'SEIZURE', 'CORRECTION') then
        insert into holder_weapon as h (holder_id, weapon_id, days)
        values (new.organisation_id, new.weapon_id, datemultirange(daterange(new.occurred_on, new.occurred_on, '[]')))
        on conflict (holder_id, weapon_id) do update set days = h.days + excluded.days;
    end if;
    if new.counterpart_id is not null and new.kind in ('TRANSFER_SENT', 'SALE', 'LICENSED_EXPORT') then
        insert into holder_weapon as h (holder_id, weapon_id, days)
        values (new.counterpart_id, new.weapon_id, datemultirange(daterange(new.occurred_on, new.occurred_on, '[]')))
        on conflict (holder_id, weapon_id) do update set days = h.days + excluded.days;
    end if;
    return null;
end $$;

create trigger custody_event_holder_weapon after insert on custody_event
    for each row execute function holder_weapon_track();

insert into holder_weapon (holder_id, weapon_id, days)
select holder_id, weapon_id, range_agg(daterange(occurred_on, occurred_on, '[]'))
  from (select organisation_id as holder_id, weapon_id, occurred_on from custody_event
         where weapon_id is not null and organisation_id is not null and kind not in ('RECOVERY', 'SEIZURE', 'CORRECTION')
        union all
        select counterpart_id, weapon_id, occurred_on from custody_event
         where weapon_id is not null and counterpart_id is not null and kind in ('TRANSFER_SENT', 'SALE', 'LICENSED_EXPORT')) x
 group by holder_id, weapon_id;
