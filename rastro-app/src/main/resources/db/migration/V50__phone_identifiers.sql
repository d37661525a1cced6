-- Phone records, third part (issue 19): each number, handset (IMEI) and SIM (IMSI) of an investigation is kept
-- once, sealed, with its blind index; the records point at it by id. Operators' files repeat the same few
-- thousand identifiers over millions of rows: a record carrying every identifier's index and sealed bytes was
-- 370 bytes wide, and its indexes on numbers were more than ten times the size they are on ids. See decision 0024.

create table phone_identifier (
    id               bigint generated always as identity primary key,
    investigation_id bigint not null references investigation (id),
    kind             text not null check (kind in ('NUMBER', 'IMEI', 'IMSI')),
    blind_index      bytea not null,
    sealed           bytea not null,
    unique (investigation_id, kind, blind_index)
);

-- The identifiers of the records already stored (one sealed form of each kept: any of them opens to the same value).
-- IMSIs had no blind index; the id of the record they came from stands in for it (each stays its own identifier).
insert into phone_identifier (investigation_id, kind, blind_index, sealed)
select distinct on (investigation_id, kind, blind_index) investigation_id, kind, blind_index, sealed
  from (select investigation_id, 'NUMBER' as kind, a_index as blind_index, a_sealed as sealed from call_record
        union all
        select investigation_id, 'NUMBER', b_index, b_sealed from call_record where b_index is not null
        union all
        select investigation_id, 'IMEI', imei_index, imei_sealed from call_record where imei_index is not null
        union all
        select investigation_id, 'IMSI', int8send(id), imsi_sealed from call_record where imsi_sealed is not null) ids
 order by investigation_id, kind, blind_index;

-- Without foreign keys: a call record is written only by an import, with the ids that import's own transaction
-- resolved (CallRecordImport, PhoneIdentifiers), and deleted only by the destruction of its investigation, before
-- the identifiers (Investigations.destroy). A per-row foreign-key check cost 3.4 µs a reference, 14 µs of a
-- 40 µs budget per record for these four and the two below (decision 0024).
alter table call_record
    add column a_number bigint,
    add column b_number bigint,
    add column imei     bigint,
    add column imsi     bigint;

update call_record r
   set a_number = (select p.id from phone_identifier p
                    where p.investigation_id = r.investigation_id and p.kind = 'NUMBER' and p.blind_index = r.a_index),
       b_number = (select p.id from phone_identifier p
                    where p.investigation_id = r.investigation_id and p.kind = 'NUMBER' and p.blind_index = r.b_index),
       imei     = (select p.id from phone_identifier p
                    where p.investigation_id = r.investigation_id and p.kind = 'IMEI' and p.blind_index = r.imei_index),
       imsi     = (select p.id from phone_identifier p
                    where p.investigation_id = r.investigation_id and p.kind = 'IMSI' and p.blind_index = int8send(r.id));

drop index call_record_a_idx;
drop index call_record_b_idx;
alter table call_record
    drop constraint call_record_import_id_fkey,
    drop constraint call_record_investigation_id_fkey,
    alter column a_number set not null,
    drop column a_index,
    drop column a_sealed,
    drop column b_index,
    drop column b_sealed,
    drop column imei_index,
    drop column imei_sealed,
    drop column imsi_sealed;

-- A number's id belongs to one investigation: the indexes need not repeat it. Nor the time: every query by number
-- reads all of that number's records (only meetings ask for a time range, through the cell index), and an index on
-- the id alone keeps each number's records as one deduplicated entry — 83 MB instead of 386 MB at ten million
-- records, so importing into a large investigation no longer slows down as the index grows (decision 0024).
create index call_record_a_idx on call_record (a_number);
create index call_record_b_idx on call_record (b_number);
