-- Jurisdiction: whether an organisation is a root or below it, by walking up the tree from the
-- organisation (its depth: ministry, region, zone, unit, armory — a handful of rows), so queries
-- filter "within the account's tree" without a cached copy of the tree that could go stale.
create function organisation_within(org bigint, root bigint) returns boolean
language sql stable parallel safe as $$
    with recursive up (id, parent_id, depth) as (
        select id, parent_id, 0 from organisation where id = org
        union all
        select o.id, o.parent_id, up.depth + 1 from organisation o join up on o.id = up.parent_id
         where up.depth < 32
    )
    select coalesce(bool_or(id = root), false) from up
$$;

-- Every account's subtree query ("weapons held within my armory") goes through holder_id, already
-- indexed; a partner's country is checked against the recovered weapon's observed country.
