-- Phone records, fourth part (issue 19): each cell an investigation's records name is kept once, and the records
-- point at it by id, as they do at numbers (V50). The index that finds the records at a cell in a time range
-- (meetings) was the last one keyed by text: (investigation, cell code, time), about 40 bytes a record. On the
-- cell's id and the time it is 16, and the id already says the investigation. See decision 0024.

create table phone_cell (
    id               bigint generated always as identity primary key,
    investigation_id bigint not null references investigation (id),
    code             text not null check (length(code) between 1 and 200),
    unique (investigation_id, code)
);

insert into phone_cell (investigation_id, code)
select investigation_id, code
  from (select investigation_id, first_cell as code from call_record where first_cell is not null
        union
        select investigation_id, last_cell from call_record where last_cell is not null) cells
 order by investigation_id, code;

alter table call_record
    add column first_cell_id bigint,
    add column last_cell_id  bigint;

update call_record r
   set first_cell_id = (select c.id from phone_cell c
                         where c.investigation_id = r.investigation_id and c.code = r.first_cell),
       last_cell_id  = (select c.id from phone_cell c
                         where c.investigation_id = r.investigation_id and c.code = r.last_cell)
 where r.first_cell is not null or r.last_cell is not null;

-- Without foreign keys, as the identifiers (V50): written only by an import with ids its transaction resolved,
-- deleted only by the investigation's destruction, before its cells.
drop index call_record_cell_idx;
alter table call_record
    drop column first_cell,
    drop column last_cell;
alter table call_record rename column first_cell_id to first_cell;
alter table call_record rename column last_cell_id to last_cell;

create index call_record_cell_idx on call_record (first_cell, started_at);
