-- Untraceable weapons (issue 20): 3D-printed, kit, workshop-made, converted, reactivated or assembled guns,
-- recorded with the examiner's structured description; the commercial parts inside them traced like any
-- recovered weapon; and the links between them, each with the evidence behind it.

create table crafted_weapon (
    id            bigint generated always as identity primary key,
    case_number   text not null,
    agency_id     bigint not null references organisation (id),
    recovered_on  date not null,
    cvegeo        char(5) references municipality (cvegeo),
    latitude      double precision check (latitude between -90 and 90),
    longitude     double precision check (longitude between -180 and 180),
    crime_type    text,
    category      text not null,
    design_family text not null,
    calibre       text,
    -- the whole description as the examiner gave it, each observation with its certainty
    description   jsonb not null,
    recorded_by   bigint not null references app_user (id),
    recorded_at   timestamptz not null default now()
);
create index crafted_weapon_family_idx on crafted_weapon (design_family);
create index crafted_weapon_case_idx on crafted_weapon (case_number);

-- Commercial parts found inside (a barrel, a slide, a bolt): each with its own make and serial, traced.
create table crafted_part (
    crafted_id    bigint not null references crafted_weapon (id),
    position      int not null,
    kind          text not null,
    make          text,
    serial        text not null,
    trace_id      bigint references trace (id),
    primary key (crafted_id, position)
);
create index crafted_part_serial_idx on crafted_part (upper(serial));

-- Ballistic evidence references (an IBIS/NIBIN lead, a casing, a bullet) linking weapons to shootings.
create table crafted_ballistic (
    crafted_id    bigint not null references crafted_weapon (id),
    reference     text not null,
    primary key (crafted_id, reference)
);
create index crafted_ballistic_reference_idx on crafted_ballistic (reference);

-- A proposed link between two recorded weapons (a < b): its score, the evidence behind it, and the
-- examiner's decision when one was made (kept with who and why).
create table crafted_link (
    a             bigint not null references crafted_weapon (id),
    b             bigint not null references crafted_weapon (id),
    score         double precision not null check (score between 0 and 1),
    evidence      jsonb not null,
    decision      text check (decision in ('CONFIRMED', 'REJECTED')),
    decided_by    bigint references app_user (id),
    decided_at    timestamptz,
    reason        text,
    primary key (a, b),
    check (a < b)
);
create index crafted_link_b_idx on crafted_link (b);
