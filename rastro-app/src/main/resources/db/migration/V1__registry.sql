-- The national registry: geography, organisations, people, catalogue, serialized items,
-- ordnance lots and licences. Reference data (states, municipalities, calibres, makes and
-- models) is loaded by V2 and V3. Custody history arrives with the ledger; `holder_id` on
-- weapons and lots is the registered holder, a projection later maintained by custody events.

create table state (
    cve_ent      char(2) primary key check (cve_ent ~ '^[0-9]{2}$'),
    name         text not null,
    abbreviation text not null
);

-- INEGI municipality, identified by its five-digit cvegeo (state code + municipality code).
create table municipality (
    cvegeo     char(5) primary key check (cvegeo ~ '^[0-9]{5}$'),
    cve_ent    char(2) not null references state,
    name       text not null,
    population integer,
    seat_name  text,
    seat_lat   double precision,
    seat_lon   double precision
);
create index municipality_state_idx on municipality (cve_ent);

-- Closed vocabulary of organisation kinds; the application mirrors it as an enum.
create table organisation_kind (
    code text primary key
);
insert into organisation_kind (code) values
    ('MINISTRY'), ('MILITARY_REGION'), ('MILITARY_ZONE'), ('UNIT'), ('ARMORY'), ('DEPOT'),
    ('POLICE_FORCE'), ('MANUFACTURER'), ('EXPORTER');

create table organisation (
    id         bigint generated always as identity primary key,
    code       text not null unique check (code ~ '^[A-Z0-9][A-Z0-9._-]{1,39}$'),
    name       text not null check (length(name) between 1 and 200),
    kind       text not null references organisation_kind,
    parent_id  bigint references organisation,
    -- ISO 3166-1 alpha-2. Mexican organisations are placed at an INEGI municipality.
    country    char(2) not null check (country ~ '^[A-Z]{2}$'),
    cvegeo     char(5) references municipality,
    created_at timestamptz not null default now(),
    constraint organisation_placed check (country <> 'MX' or cvegeo is not null),
    constraint organisation_not_own_parent check (parent_id is null or parent_id <> id)
);
create index organisation_parent_idx on organisation (parent_id);
create index organisation_kind_idx on organisation (kind);

-- People who can hold weapons. Names are personal data and live in person_name so they
-- can be encrypted and access-controlled separately.
create table person (
    id         bigint generated always as identity primary key,
    matricula  text not null unique check (matricula ~ '^[A-Z0-9-]{4,20}$'),
    rank       text not null,
    unit_id    bigint not null references organisation,
    synthetic  boolean not null default false,
    created_at timestamptz not null default now()
);
create index person_unit_idx on person (unit_id);

create table person_name (
    person_id    bigint primary key references person,
    given_names  text not null,
    surnames     text not null
);

-- Catalogue --------------------------------------------------------------------------------

-- Closed vocabularies are enum types: the database enforces them on every row without the
-- per-row cost of a foreign-key trigger, which matters when a million weapons are loaded at once.
-- Their display names live in the tables keyed by them.
create type weapon_type_code as enum ('PISTOL', 'REVOLVER', 'RIFLE', 'CARBINE', 'SUBMACHINE_GUN',
    'MACHINE_GUN', 'SHOTGUN', 'GRENADE_LAUNCHER', 'AUTOMATIC_GRENADE_LAUNCHER', 'ROCKET_LAUNCHER',
    'RECOILLESS_RIFLE');
create type legal_category_code as enum ('CIVIL', 'MILITARY_EXCLUSIVE');

create table weapon_type (
    code       weapon_type_code primary key,
    name_es    text not null,
    name_en    text not null,
    serialized boolean not null
);

-- Ley Federal de Armas de Fuego y Explosivos, art. 9 (civil use) and art. 11 (exclusive use of
-- the Army, Navy and Air Force).
create table legal_category (
    code    legal_category_code primary key,
    name_es text not null,
    name_en text not null
);
insert into legal_category (code, name_es, name_en) values
    ('CIVIL', 'Uso civil (LFAFE art. 9)', 'Civil use (LFAFE art. 9)'),
    ('MILITARY_EXCLUSIVE', 'Uso exclusivo del Ejército, Armada y Fuerza Aérea (LFAFE art. 11)',
     'Exclusive use of the Army, Navy and Air Force (LFAFE art. 11)');

create table calibre (
    id       integer generated always as identity primary key,
    name     text not null unique,
    category text not null,
    standard text,
    source   text not null
);

-- Normalised alias -> calibre. Several calibres under one alias make it ambiguous; the
-- normaliser then reports every candidate instead of choosing one.
create table calibre_alias (
    alias      text not null,
    calibre_id integer not null references calibre,
    primary key (alias, calibre_id)
);

create table manufacturer (
    id      integer generated always as identity primary key,
    name    text not null unique,
    country char(2) not null check (country ~ '^[A-Z]{2}$')
);

create table manufacturer_alias (
    alias           text primary key,
    manufacturer_id integer not null references manufacturer
);

create table model (
    id              integer generated always as identity primary key,
    manufacturer_id integer not null references manufacturer,
    name            text not null,
    weapon_type     weapon_type_code not null references weapon_type,
    calibre_id      integer references calibre,
    legal_category  legal_category_code not null references legal_category,
    unique (manufacturer_id, name),
    -- lets a weapon reference (model, manufacturer) together: the model must be of that maker
    unique (id, manufacturer_id)
);

create table ordnance_type (
    code           text primary key,
    name_es        text not null,
    name_en        text not null,
    unit_of_issue  text not null,
    legal_category legal_category_code not null references legal_category
);

-- Licences -------------------------------------------------------------------------------

create table licence (
    id                     bigint generated always as identity primary key,
    number                 text not null unique,
    direction              text not null check (direction in ('EXPORT', 'IMPORT')),
    issuing_country        char(2) not null check (issuing_country ~ '^[A-Z]{2}$'),
    issuing_authority      text not null,
    exporter_id            bigint not null references organisation,
    consignee_id           bigint not null references organisation,
    end_user_certificate   text not null,
    issued_on              date not null,
    expires_on             date,
    created_at             timestamptz not null default now(),
    constraint licence_dates check (expires_on is null or expires_on >= issued_on)
);

-- A line licenses a quantity of one model (serialized items) or of one ordnance type and
-- calibre (lots). delivered_quantity is maintained by statement-level triggers on the
-- delivery tables; the check constraint is what rejects a delivery beyond the licence.
create table licence_line (
    id                 bigint generated always as identity primary key,
    licence_id         bigint not null references licence,
    line_no            integer not null check (line_no > 0),
    model_id           integer references model,
    ordnance_type      text references ordnance_type,
    calibre_id         integer references calibre,
    quantity           bigint not null check (quantity > 0),
    delivered_quantity bigint not null default 0,
    unique (licence_id, line_no),
    constraint licence_line_one_subject check ((model_id is null) <> (ordnance_type is null)),
    constraint licence_line_within_quantity check (delivered_quantity between 0 and quantity)
);

-- Registered items -------------------------------------------------------------------------

create table weapon (
    id                     bigint generated always as identity primary key,
    serial_as_marked       text not null check (length(serial_as_marked) between 1 and 40),
    -- upper case, separators removed: what matching and uniqueness use
    serial_normalised      text not null check (serial_normalised ~ '^[A-Z0-9]{1,40}$'),
    manufacturer_id        integer not null,
    model_id               integer not null,
    calibre_id             integer references calibre,
    weapon_type            weapon_type_code not null,
    country_of_manufacture char(2) not null check (country_of_manufacture ~ '^[A-Z]{2}$'),
    import_marks           text,
    year_of_manufacture    smallint check (year_of_manufacture between 1850 and 2100),
    legal_category         legal_category_code not null,
    holder_id              bigint references organisation,
    synthetic              boolean not null default false,
    created_at             timestamptz not null default now(),
    unique (manufacturer_id, model_id, serial_normalised),
    foreign key (model_id, manufacturer_id) references model (id, manufacturer_id)
);
create index weapon_serial_idx on weapon (serial_normalised);
create index weapon_holder_idx on weapon (holder_id);

create table ordnance_lot (
    id              bigint generated always as identity primary key,
    lot_number      text not null check (length(lot_number) between 1 and 40),
    manufacturer_id integer not null references manufacturer,
    ordnance_type   text not null references ordnance_type,
    calibre_id      integer references calibre,
    description     text,
    quantity        bigint not null check (quantity > 0),
    unit_of_issue   text not null,
    holder_id       bigint references organisation,
    synthetic       boolean not null default false,
    created_at      timestamptz not null default now(),
    unique (manufacturer_id, lot_number, ordnance_type)
);
create index ordnance_lot_holder_idx on ordnance_lot (holder_id);

create table licence_weapon_delivery (
    weapon_id       bigint primary key references weapon,
    licence_line_id bigint not null references licence_line
);
create index licence_weapon_delivery_line_idx on licence_weapon_delivery (licence_line_id);

create table licence_lot_delivery (
    lot_id          bigint primary key references ordnance_lot,
    licence_line_id bigint not null references licence_line,
    quantity        bigint not null check (quantity > 0)
);
create index licence_lot_delivery_line_idx on licence_lot_delivery (licence_line_id);

-- Statement-level triggers: one aggregated update per line per statement, so a bulk load
-- of a million deliveries costs one update per licence line, not one per row.
create function licence_count_weapon_deliveries() returns trigger language plpgsql as $$
begin
    update licence_line l
       set delivered_quantity = l.delivered_quantity + d.n
      from (select licence_line_id, count(*) as n from new_rows group by licence_line_id) d
     where l.id = d.licence_line_id;
    return null;
end $$;

create trigger licence_weapon_delivery_count after insert on licence_weapon_delivery
    referencing new table as new_rows
    for each statement execute function licence_count_weapon_deliveries();

create function licence_count_lot_deliveries() returns trigger language plpgsql as $$
begin
    update licence_line l
       set delivered_quantity = l.delivered_quantity + d.n
      from (select licence_line_id, sum(quantity) as n from new_rows group by licence_line_id) d
     where l.id = d.licence_line_id;
    return null;
end $$;

create trigger licence_lot_delivery_count after insert on licence_lot_delivery
    referencing new table as new_rows
    for each statement execute function licence_count_lot_deliveries();

-- Deliveries are facts: a wrong one is corrected by a custody event, never edited away.
create function reject_change() returns trigger language plpgsql as $$
begin
    raise exception '% on % is not allowed: the table is append-only', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

create trigger licence_weapon_delivery_append_only before update or delete on licence_weapon_delivery
    for each row execute function reject_change();
create trigger licence_lot_delivery_append_only before update or delete on licence_lot_delivery
    for each row execute function reject_change();

-- Search support: trigram indexes for partial serials and names (pg_trgm ships with PostgreSQL).
create extension if not exists pg_trgm;
create index weapon_serial_trgm_idx on weapon using gin (serial_normalised gin_trgm_ops);
