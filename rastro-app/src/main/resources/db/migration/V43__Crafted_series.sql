-- Untraceable weapons' series held on each weapon (issue 20): the smallest weapon number of the connected
-- group its holding links join it to (confirmed, or scored at 0.95 or more and not rejected), so that series
-- are listed, counted and named without walking every link. The application keeps it as links change; the
-- weapons recorded before this column get their series here. (A weapon's intake sets it in the same
-- transaction that inserts it.)

alter table crafted_weapon add column series bigint;
update crafted_weapon set series = id;

do $$
declare
    changed int;
begin
    loop
        with holding as (
            select a, b from crafted_link
             where decision = 'CONFIRMED' or (score >= 0.95 and decision is distinct from 'REJECTED')
        ), lowest as (
            select h.a as id, min(w.series) as series from holding h join crafted_weapon w on w.id = h.b group by h.a
            union all
            select h.b, min(w.series) from holding h join crafted_weapon w on w.id = h.a group by h.b
        )
        update crafted_weapon w set series = l.series
          from (select id, min(series) as series from lowest group by id) l
         where l.id = w.id and l.series < w.series;
        get diagnostics changed = row_count;
        exit when changed = 0;
    end loop;
end $$;

create index crafted_weapon_series_idx on crafted_weapon (series);
