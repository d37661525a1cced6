package org.rastro.custody;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an organisation holds now, as custody says: its weapons by state (held, issued, sent and not
 * yet received, reported missing) and its balance of each lot, with what it issued to people and
 * what is on the way to it or from it.
 */
@Component
public class Holdings {

    /** Weapons listed in full up to this many; the counts cover all of them. */
    static final int WEAPON_LIST_LIMIT = 1_000;

    private final JdbcClient jdbc;

    Holdings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Weapon(
            long id, String serial, String make, String model, String state, String matricula, String sentTo) {}

    public record Lot(
            long id,
            String lotNumber,
            String ordnanceType,
            String calibre,
            long inStock,
            long issuedToPeople,
            long inTransitIn,
            long inTransitOut) {}

    public record OfHolder(
            String organisation,
            String name,
            Map<String, Long> weaponsByState,
            List<Weapon> weapons,
            boolean weaponListComplete,
            List<Lot> lots) {}

    public OfHolder of(String code) {
        String normalised = code.strip().toUpperCase(Locale.ROOT);
        record Org(long id, String name) {}
        Org org = jdbc.sql("select id, name from organisation where code = :c")
                .param("c", normalised)
                .query(Org.class)
                .optional()
                .orElseThrow(() -> RastroException.notFound("organisation", code));
        Map<String, Long> byState = jdbc
                .sql("""
                select state, count(*) from weapon_custody where holder_id = :org group by state
                """)
                .param("org", org.id())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
        // Weapons placed by the registry and never moved since have no custody row: they are held here.
        long unmoved = jdbc.sql("""
                select count(*) from weapon w where w.holder_id = :org
                   and not exists (select 1 from weapon_custody c where c.weapon_id = w.id)
                """).param("org", org.id()).query(Long.class).single();
        if (unmoved > 0) {
            byState.merge(CustodyStatus.HELD.name(), unmoved, Long::sum);
        }
        List<Weapon> weapons = jdbc.sql("""
                select w.id, w.serial_as_marked as serial, mf.name as make, m.name as model, coalesce(c.state, 'HELD') as state,
                       p.matricula, t.code as sent_to
                  from weapon w
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                  left join weapon_custody c on c.weapon_id = w.id
                  left join person p on p.id = c.person_id
                  left join organisation t on t.id = c.to_id
                 where (c.weapon_id is null and w.holder_id = :org) or c.holder_id = :org
                 order by w.id
                 limit :limit
                """)
                .param("org", org.id())
                .param("limit", WEAPON_LIST_LIMIT + 1)
                .query(Weapon.class)
                .list();
        boolean complete = weapons.size() <= WEAPON_LIST_LIMIT;
        List<Lot> lots = jdbc.sql("""
                with mine as (
                    select lot_id from lot_holding where holder_id = :org
                    union select lot_id from lot_transfer where (to_id = :org or from_id = :org) and outstanding > 0
                    union select l.id from ordnance_lot l where l.holder_id = :org
                       and not exists (select 1 from custody_event e where e.lot_id = l.id))
                select l.id, l.lot_number, l.ordnance_type, cal.name as calibre,
                       coalesce((select h.quantity from lot_holding h where h.lot_id = l.id and h.holder_id = :org
                                   and h.person_id is null),
                                case when l.holder_id = :org and not exists (select 1 from custody_event e where e.lot_id = l.id)
                                     then l.quantity else 0 end) as in_stock,
                       coalesce((select sum(h.quantity) from lot_holding h where h.lot_id = l.id and h.holder_id = :org
                                   and h.person_id is not null), 0) as issued_to_people,
                       coalesce((select sum(t.outstanding) from lot_transfer t where t.lot_id = l.id and t.to_id = :org), 0) as in_transit_in,
                       coalesce((select sum(t.outstanding) from lot_transfer t where t.lot_id = l.id and t.from_id = :org), 0) as in_transit_out
                  from mine join ordnance_lot l on l.id = mine.lot_id
                  left join calibre cal on cal.id = l.calibre_id
                 order by l.lot_number
                """).param("org", org.id()).query(Lot.class).list();
        return new OfHolder(
                normalised,
                org.name(),
                byState,
                complete ? weapons : weapons.subList(0, WEAPON_LIST_LIMIT),
                complete,
                lots);
    }
}
