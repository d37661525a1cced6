-- Personal data encrypted at rest (envelope encryption). The data keys and the blind-index key are
-- stored wrapped by the key-encryption key, a file outside the database (KeyRing); without it these
-- rows open nothing. V25 (Java) seals the rows an older database holds; V26 drops the plaintext.
create table data_key (
    id         integer primary key,
    purpose    text not null check (purpose in ('DATA', 'INDEX')),
    wrapped    bytea not null check (length(wrapped) = 60),
    created_at timestamptz not null default now(),
    retired_at timestamptz
);
create unique index data_key_one_active on data_key (purpose) where retired_at is null;

alter table person_name add column given_names_sealed bytea, add column surnames_sealed bytea,
    add column name_index bytea;
alter table trace_person add column given_names_sealed bytea, add column surnames_sealed bytea,
    add column birth_date_sealed bytea, add column id_document_sealed bytea, add column document_index bytea;
