-- Who had the recovered weapon (possessor and associates: personal data, to be encrypted with the
-- security work) and the photos of the weapon, stored once by their SHA-256 and linked to traces.
create table trace_person (
    id          bigint generated always as identity primary key,
    trace_id    bigint not null references trace,
    role        text not null check (role in ('POSSESSOR', 'ASSOCIATE')),
    given_names text check (length(given_names) <= 200),
    surnames    text check (length(surnames) <= 200),
    birth_date  date,
    nationality char(2) check (nationality ~ '^[A-Z]{2}$'),
    id_document text check (length(id_document) <= 100),
    constraint trace_person_named check (coalesce(given_names, surnames, id_document) is not null)
);
create index trace_person_trace_idx on trace_person (trace_id);

create table trace_photo (
    sha256       bytea primary key check (length(sha256) = 32),
    content_type text not null check (content_type in ('image/jpeg', 'image/png')),
    bytes        bytea not null check (length(bytes) between 1 and 10485760),
    stored_at    timestamptz not null default now()
);

create table trace_photo_link (
    trace_id bigint not null references trace,
    sha256   bytea not null references trace_photo,
    primary key (trace_id, sha256)
);
