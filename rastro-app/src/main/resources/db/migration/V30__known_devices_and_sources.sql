-- Sign-in without a denial of service (issue 18). A lock set by failed sign-ins — anyone's — does not stop
-- the account's owner on a device it signed in from before, with the right password and second factor:
-- the devices are remembered by the SHA-256 of a random token the device keeps (a cookie, or the token
-- endpoint's deviceToken).
create table known_device (
    token_hash    bytea primary key check (length(token_hash) = 32),
    user_id       bigint not null references app_user (id) on delete cascade,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz not null default now()
);
create index known_device_user on known_device (user_id);

-- Failed sign-ins by source address: past a few, each further one from there waits longer (doubling, up
-- to a cap) before the address may try again; one success from the address clears it.
create table login_source (
    address        text primary key check (length(address) <= 64),
    failures       integer not null default 0 check (failures >= 0),
    last_failure   timestamptz not null default now(),
    blocked_until  timestamptz
);

-- When an account was last locked, so that a burst alerts the administrators once per lock.
alter table app_user add column locked_at timestamptz;
