package org.rastro.custody;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a batch of custody events reads, once and up front, inside its transaction: the organisations
 * and people it names, its items under row locks (taken in id order, weapons then lots, so concurrent
 * batches cannot deadlock), their current states, lot balances and licences. The states and balances
 * are then changed in memory as the batch's events are applied, in order.
 *
 * <p>Not thread-safe: one batch, one thread, one transaction.
 */
final class LockedItems {

    record Org(long id, String code) {}

    record Weapon(
            long id,
            String serialAsMarked,
            String serialNormalised,
            String make,
            String model,
            Long registeredHolder) {}

    record Lot(long id, String lotNumber, String make, String ordnanceType, Long registeredHolder, long quantity) {}

    /** The codes, matrículas and ids a batch names (codes and matrículas already stripped and upper-cased). */
    record Names(
            Set<String> codes,
            Set<String> matriculas,
            Set<Long> weaponIds,
            Set<Long> lotIds,
            Set<Long> corrected,
            boolean anyLicensedWeaponEvent) {}

    private final JdbcClient jdbc;
    final Map<String, Org> orgs;
    final Map<String, Long> people;
    final Map<Long, Weapon> weapons;
    final Map<Long, Lot> lots;
    /** Weapons' states as the batch leaves them so far; a weapon without one starts from its registry holder. */
    final Map<Long, CustodyState> states = new HashMap<>();

    final Map<Long, LotBalances> balances = new HashMap<>();
    final Map<Long, LicenceRules.Licence> weaponLicences = new HashMap<>();
    final Map<Long, LicenceRules.Licence> lotLicences = new HashMap<>();
    /** The item of each event the batch may correct or has recorded: a weapon's id, or minus a lot's id. */
    final Map<Long, Long> itemOfEvent = new HashMap<>();

    private Map<Long, Set<Long>> lineage;

    LockedItems(JdbcClient jdbc, Names names) {
        this.jdbc = jdbc;
        orgs = jdbc
                .sql("select id, code from organisation where code in (:codes)")
                .param("codes", names.codes())
                .query(Org.class)
                .list()
                .stream()
                .collect(Collectors.toMap(Org::code, Function.identity()));
        people = names.matriculas().isEmpty()
                ? Map.of()
                : jdbc
                        .sql("select matricula, id from person where matricula in (:m)")
                        .param("m", names.matriculas())
                        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .list()
                        .stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        weapons = names.weaponIds().isEmpty()
                ? Map.of()
                : jdbc
                        .sql("""
                select w.id, w.serial_as_marked, w.serial_normalised, mf.name, m.name, w.holder_id
                  from weapon w join manufacturer mf on mf.id = w.manufacturer_id join model m on m.id = w.model_id
                 where w.id = any(cast(:ids as bigint[])) order by w.id for update of w
                """)
                        .param("ids", names.weaponIds().toArray(Long[]::new))
                        .query((rs, n) -> new Weapon(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                (Long) rs.getObject(6)))
                        .list()
                        .stream()
                        .collect(Collectors.toMap(Weapon::id, Function.identity()));
        lots = names.lotIds().isEmpty()
                ? Map.of()
                : jdbc
                        .sql("""
                select l.id, l.lot_number, mf.name, l.ordnance_type, l.holder_id, l.quantity
                  from ordnance_lot l join manufacturer mf on mf.id = l.manufacturer_id
                 where l.id in (:ids) order by l.id for update of l
                """)
                        .param("ids", names.lotIds())
                        .query((rs, n) -> new Lot(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                (Long) rs.getObject(5),
                                rs.getLong(6)))
                        .list()
                        .stream()
                        .collect(Collectors.toMap(Lot::id, Function.identity()));
        if (!names.weaponIds().isEmpty()) {
            loadWeaponStates(names.weaponIds(), names.anyLicensedWeaponEvent());
        }
        if (!names.lotIds().isEmpty()) {
            loadLots(names.lotIds());
        }
        if (!names.corrected().isEmpty()) {
            jdbc.sql(
                            "select id, coalesce(weapon_id, -lot_id) from custody_event where id = any(cast(:ids as bigint[]))")
                    .param("ids", names.corrected().toArray(Long[]::new))
                    .query(rs -> {
                        itemOfEvent.put(rs.getLong(1), rs.getLong(2));
                    });
        }
    }

    /** The weapon's state now: as the batch left it, or as stored, or held by its registry holder. */
    CustodyState state(Weapon weapon) {
        return states.computeIfAbsent(
                weapon.id(),
                w -> weapon.registeredHolder() == null
                        ? new CustodyState.Unplaced()
                        : new CustodyState.Held(weapon.registeredHolder()));
    }

    /** Whether organisation {@code org} is {@code ancestor} or sits below it (read once per batch, on first use). */
    boolean within(long org, long ancestor) {
        if (lineage == null) {
            lineage = new HashMap<>();
            jdbc.sql("""
                    with recursive up (org, ancestor) as (
                        select id, id from organisation where id in (:ids)
                        union all
                        select up.org, o.parent_id from up join organisation o on o.id = up.ancestor
                         where o.parent_id is not null)
                    select org, ancestor from up
                    """)
                    .param("ids", orgs.values().stream().map(Org::id).toList())
                    .query(rs -> {
                        lineage.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                                .add(rs.getLong(2));
                    });
        }
        return lineage.getOrDefault(org, Set.of(org)).contains(ancestor);
    }

    private void loadWeaponStates(Set<Long> weaponIds, boolean licensed) {
        jdbc.sql("""
                select weapon_id, state, holder_id, person_id, to_id, previous_holder_id
                  from weapon_custody where weapon_id = any(cast(:ids as bigint[]))
                """).param("ids", weaponIds.toArray(Long[]::new)).query(rs -> {
            states.put(rs.getLong(1), stored(rs));
        });
        if (licensed) {
            jdbc.sql("""
                    select d.weapon_id, l.id, l.number, l.exporter_id, l.consignee_id, l.issued_on, l.expires_on
                      from licence_weapon_delivery d
                      join licence_line ll on ll.id = d.licence_line_id
                      join licence l on l.id = ll.licence_id
                     where d.weapon_id = any(cast(:ids as bigint[]))
                    """).param("ids", weaponIds.toArray(Long[]::new)).query(rs -> {
                weaponLicences.put(rs.getLong(1), licence(rs, 2));
            });
        }
    }

    /** A stored {@code weapon_custody} row as the state it names. */
    private static CustodyState stored(ResultSet rs) throws SQLException {
        long holder = rs.getLong(3);
        return switch (CustodyStatus.valueOf(rs.getString(2))) {
            case EXPORTED -> new CustodyState.Exported(holder, rs.getLong(5));
            case HELD -> new CustodyState.Held(holder);
            case ISSUED -> new CustodyState.Issued(holder, rs.getLong(4));
            case IN_TRANSIT -> new CustodyState.InTransit(holder, rs.getLong(5));
            case MISSING -> new CustodyState.Missing(holder, false);
            case STOLEN -> new CustodyState.Missing(holder, true);
            case DESTROYED -> new CustodyState.Destroyed(holder);
            case RECOVERED -> new CustodyState.Recovered(holder, (Long) rs.getObject(6));
            // Never stored: a weapon without a custody row is unplaced or held by its registry holder.
            case UNPLACED -> throw new IllegalStateException("weapon " + rs.getLong(1) + " is stored as UNPLACED");
        };
    }

    private void loadLots(Collection<Long> lotIds) {
        for (long id : lotIds) {
            balances.put(id, new LotBalances());
        }
        Set<Long> withEvents =
                new HashSet<>(jdbc.sql("select distinct lot_id from custody_event where lot_id in (:ids)")
                        .param("ids", lotIds)
                        .query(Long.class)
                        .list());
        jdbc.sql("select lot_id, holder_id, person_id, quantity from lot_holding where lot_id in (:ids)")
                .param("ids", lotIds)
                .query(rs -> {
                    balances.get(rs.getLong(1))
                            .load(new LotBalances.Holding(rs.getLong(2), (Long) rs.getObject(3)), rs.getLong(4));
                });
        jdbc.sql("""
                select lot_id, sent_event_id, from_id, to_id, outstanding from lot_transfer
                 where lot_id in (:ids) and outstanding > 0 order by sent_event_id
                """).param("ids", lotIds).query(rs -> {
            balances.get(rs.getLong(1))
                    .load(new LotBalances.Transit(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        });
        Map<Long, Moved> moved = new HashMap<>();
        jdbc.sql("""
                select lot_id, kind::text, sum(quantity) from custody_event
                 where lot_id in (:ids) and kind in ('LICENSED_EXPORT', 'IMPORT_RECEIPT') group by lot_id, kind
                """).param("ids", lotIds).query(rs -> {
            Moved m = moved.getOrDefault(rs.getLong(1), Moved.NONE);
            moved.put(
                    rs.getLong(1),
                    rs.getString(2).equals(CustodyKind.LICENSED_EXPORT.name())
                            ? new Moved(rs.getLong(3), m.imported())
                            : new Moved(m.exported(), rs.getLong(3)));
        });
        jdbc.sql("""
                select d.lot_id, l.id, l.number, l.exporter_id, l.consignee_id, l.issued_on, l.expires_on, d.quantity
                  from licence_lot_delivery d
                  join licence_line ll on ll.id = d.licence_line_id
                  join licence l on l.id = ll.licence_id
                 where d.lot_id in (:ids)
                """).param("ids", lotIds).query(rs -> {
            LicenceRules.Licence licence = licence(rs, 2);
            lotLicences.put(rs.getLong(1), licence);
            Moved m = moved.getOrDefault(rs.getLong(1), Moved.NONE);
            balances.get(rs.getLong(1)).loadLicence(licence.exporterId(), rs.getLong(8), m.exported(), m.imported());
        });
        // Before its first event, a lot is wholly where the registry placed it.
        for (long id : lotIds) {
            Lot lot = lots.get(id);
            if (lot != null && !withEvents.contains(id) && lot.registeredHolder() != null) {
                balances.get(id).add(LotBalances.Holding.stock(lot.registeredHolder()), lot.quantity());
            }
        }
    }

    /** Units of a lot shipped under licence and received against it so far. */
    private record Moved(long exported, long imported) {
        static final Moved NONE = new Moved(0, 0);
    }

    private static LicenceRules.Licence licence(ResultSet rs, int from) throws SQLException {
        return new LicenceRules.Licence(
                rs.getLong(from),
                rs.getString(from + 1),
                rs.getLong(from + 2),
                rs.getLong(from + 3),
                rs.getObject(from + 4, LocalDate.class),
                rs.getObject(from + 5, LocalDate.class));
    }
}
