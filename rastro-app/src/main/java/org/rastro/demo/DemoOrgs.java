package org.rastro.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rastro.registry.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo world's organisations and people as the registry holds them, read once before the history
 * is written: who holds army weapons, the units and their people, the police forces.
 */
final class DemoOrgs {

    record Org(long id, String code, OrganisationKind kind, String parentCode) {}

    final Map<String, Org> orgs = new HashMap<>();
    private final Map<Long, String> codes = new HashMap<>();
    final Map<String, List<String>> peopleOfUnit = new HashMap<>();
    final Map<String, Long> personIds = new HashMap<>();
    final List<String> units = new ArrayList<>();
    final List<String> armyHolders = new ArrayList<>();
    final List<String> police = new ArrayList<>();

    DemoOrgs(JdbcClient jdbc) {
        jdbc.sql("""
                select o.id, o.code, o.kind, p.code as parent_code
                  from organisation o left join organisation p on p.id = o.parent_id order by o.id
                """).query(Org.class).list().forEach(o -> {
            orgs.put(o.code(), o);
            codes.put(o.id(), o.code());
            switch (o.kind()) {
                case UNIT -> {
                    units.add(o.code());
                    armyHolders.add(o.code());
                }
                case ARMORY, DEPOT -> armyHolders.add(o.code());
                case POLICE_FORCE -> police.add(o.code());
                case MINISTRY, MILITARY_REGION, MILITARY_ZONE, MANUFACTURER, EXPORTER, AUTHORITY -> {
                    // Holds no demo stock.
                }
            }
        });
        jdbc.sql("select o.code, p.matricula, p.id from person p join organisation o on o.id = p.unit_id order by p.id")
                .query(rs -> {
                    peopleOfUnit
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                    personIds.put(rs.getString(2), rs.getLong(3));
                });
    }

    /** The armory of the zone a unit belongs to. */
    String armoryOf(String unit) {
        String zone = orgs.get(unit).parentCode();
        return orgs.containsKey("ARM-" + zone) ? "ARM-" + zone : DemoHistory.CENTRAL_DEPOT;
    }

    String person(String unit, SplittableRandom random) {
        List<String> people = peopleOfUnit.getOrDefault(unit, List.of());
        return people.isEmpty() ? null : people.get(random.nextInt(people.size()));
    }

    boolean isUnit(String code) {
        return orgs.containsKey(code) && orgs.get(code).kind() == OrganisationKind.UNIT;
    }

    /** The code of an organisation by id, or null for none. */
    String code(Long id) {
        return id == null ? null : codes.get(id);
    }

    /** The id of an organisation by code, or null for none. */
    Long id(String code) {
        return code == null ? null : orgs.get(code).id();
    }
}
