-- Comparing lists with partners without handing them over (issue 21): an agreement names the partner's
-- account, the list of ours it compares against, what the partner may learn, and the caps that keep it from
-- fishing (items a session, items a period); each session is opened, answered once, and kept with its counts.

create table sharing_agreement (
    id              bigint generated always as identity primary key,
    partner_id      bigint not null references app_user (id),
    title           text not null check (length(title) between 1 and 200),
    list            text not null check (list in ('REGISTRY')),
    mode            text not null check (mode in ('INTERSECTION', 'CARDINALITY')),
    cap_per_session int not null check (cap_per_session between 1 and 1000000),
    cap_per_period  int not null,
    period_days     int not null check (period_days between 1 and 366),
    expires_on      date not null,
    created_by      bigint not null references app_user (id),
    created_at      timestamptz not null default now(),
    check (cap_per_period >= cap_per_session)
);

create table sharing_session (
    id            text primary key check (id ~ '^[0-9a-f]{32}$'),
    agreement_id  bigint not null references sharing_agreement (id),
    mode          text not null check (mode in ('INTERSECTION', 'CARDINALITY')),
    cap           int not null check (cap >= 1),
    holder_items  int not null,
    opened_at     timestamptz not null default now(),
    expires_at    timestamptz not null,
    -- set once, when the request is answered: a second request for the session is refused as replayed
    answered_at   timestamptz,
    items_asked   int
);
create index sharing_session_agreement_idx on sharing_session (agreement_id, opened_at);
