-- Phones are linked to people only by evidence (issue 19): a subscriber record from the operator, a handset
-- seized from the person, or a number the custodian declared. Each link names its source and the document that
-- shows it, within one investigation; the number is sealed and matched by its blind index like the records.
create table phone_link (
    id               bigint generated always as identity primary key,
    investigation_id bigint not null references investigation (id),
    person_id        bigint not null references person (id),
    number_index     bytea not null,
    number_sealed    bytea not null,
    source           text not null check (source in ('SUBSCRIBER_RECORD', 'SEIZED_HANDSET', 'DECLARED')),
    reference        text not null check (length(reference) between 1 and 200),
    recorded_by      bigint not null references app_user (id),
    recorded_at      timestamptz not null default now(),
    unique (investigation_id, person_id, number_index, source)
);
create index phone_link_number_idx on phone_link (investigation_id, number_index);
