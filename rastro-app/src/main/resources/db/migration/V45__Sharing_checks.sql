-- The incremental mode of comparisons (issue 21): a partner keeping our tokens checks one new item at a time;
-- each check is kept as a session of one item, answered at once, so that it counts toward the period's cap
-- and the rate of checks can be limited.

alter table sharing_session add column kind text not null default 'BATCH' check (kind in ('BATCH', 'CHECK'));
create index sharing_session_checks_idx on sharing_session (agreement_id, opened_at) where kind = 'CHECK';
