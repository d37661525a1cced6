-- Comparisons, second part (issue 21).
-- A match a partner proves becomes a custody event of the weapon (who compared it, when), recorded by Rastro.
alter type custody_kind add value 'FOREIGN_MATCH';

-- A partner that runs Rastro names its custody log's key: its sessions must then prove their items (a sample
-- of them, opened after the items are fixed) to be recoveries or seizures in that log.
alter table sharing_agreement add column partner_log_key text;

-- What a session was asked: the SHA-256 of each blinded element (first 16 bytes, sorted, concatenated), so a
-- partner can later show that an item was in its request (the item and its blind) to open its trace; and, for
-- a proven agreement, the partner's signed checkpoint (and its tree size), the items held while the partner opens
-- the positions chosen, and why the session was refused.
alter table sharing_session add column element_hashes bytea;
alter table sharing_session add column partner_checkpoint text;
alter table sharing_session add column partner_tree_size bigint;
alter table sharing_session add column pending_elements bytea;
alter table sharing_session add column challenge int[];
alter table sharing_session add column refused text;

-- Rastro as the asker: another Rastro's agreement with us, reached at its address with the key it issued us
-- (sealed like personal data), and every comparison run against it with its counts.
create table sharing_remote (
    id              bigint generated always as identity primary key,
    title           text not null check (length(title) between 1 and 200),
    base_url        text not null check (base_url ~ '^https?://'),
    agreement       bigint not null,
    api_key_sealed  bytea not null,
    created_by      bigint not null references app_user (id),
    created_at      timestamptz not null default now()
);

create table sharing_run (
    id          bigint generated always as identity primary key,
    remote_id   bigint not null references sharing_remote (id),
    session     text not null,
    ran_by      bigint not null references app_user (id),
    ran_at      timestamptz not null default now(),
    items_asked int not null,
    audited     int not null,
    matched     int not null
);

-- A match, like a correction, is about the record, not a day the organisation held the weapon (V35's function,
-- with FOREIGN_MATCH left out as RECOVERY, SEIZURE and CORRECTION are).
create or replace function holder_weapon_track() returns trigger language plpgsql as $$
begin
    insert into holder_weapon as h (holder_id, weapon_id, days)
    select holder_id, weapon_id, range_agg(daterange(occurred_on, occurred_on, '[]'))
      from (select organisation_id as holder_id, weapon_id, occurred_on from new_rows
             where weapon_id is not null and organisation_id is not null
               and kind::text not in ('RECOVERY', 'SEIZURE', 'CORRECTION', 'FOREIGN_MATCH')
            union all
            select counterpart_id, weapon_id, occurred_on from new_rows
             where weapon_id is not null and counterpart_id is not null
               and kind in ('TRANSFER_SENT', 'SALE', 'LICENSED_EXPORT')) d
     group by holder_id, weapon_id
    on conflict (holder_id, weapon_id) do update set days = h.days + excluded.days;
    return null;
end $$;
