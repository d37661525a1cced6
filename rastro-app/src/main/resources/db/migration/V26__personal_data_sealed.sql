-- The plaintext columns go; the sealed ones take their names. CLUSTER rewrites each table, so the
-- plaintext of an upgraded database does not stay behind in dead tuples (the WAL keeps it until
-- PostgreSQL recycles its segments; see docs/SECURITY.md).
alter table person_name drop column given_names, drop column surnames;
alter table person_name rename column given_names_sealed to given_names;
alter table person_name rename column surnames_sealed to surnames;
alter table person_name alter column given_names set not null, alter column surnames set not null,
    alter column name_index set not null;
create index person_name_index_idx on person_name (name_index);

alter table trace_person drop column given_names, drop column surnames, drop column birth_date, drop column id_document;
alter table trace_person rename column given_names_sealed to given_names;
alter table trace_person rename column surnames_sealed to surnames;
alter table trace_person rename column birth_date_sealed to birth_date;
alter table trace_person rename column id_document_sealed to id_document;
alter table trace_person add constraint trace_person_named check (coalesce(given_names, surnames, id_document) is not null);
create index trace_person_document_idx on trace_person (document_index);

cluster person_name using person_name_pkey;
cluster trace_person using trace_person_pkey;
