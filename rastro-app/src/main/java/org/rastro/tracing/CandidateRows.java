package org.rastro.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rastro.custody.CustodyStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registry rows of serial matches, and what orders equally good fits ({@link CandidateOrder}):
 * each weapon's custody standing and the state where its last lawful holder sits.
 *
 * <p>Thread-safe: the only state is a concurrent cache of INEGI state names (reference data, loaded by
 * migration and never changed).
 */
@Component
class CandidateRows {

    /** A matched weapon as the registry holds it. {@code custodyState} is null before its first event. */
    record Registered(
            long id,
            String serial,
            String make,
            String model,
            String calibre,
            String weaponType,
            String country,
            String licence,
            CustodyStatus custodyState,
            String holderCvegeo) {}

    /**
     * Joins a weapon ({@code w}) to its custody ({@code c}) and its last lawful holder ({@code o}): a
     * recovered weapon's is the one before the recovery (previous_holder_id).
     */
    private static final String LAST_LAWFUL_HOLDER = """
              left join weapon_custody c on c.weapon_id = w.id
              left join organisation o
                     on o.id = coalesce(case when c.state = 'RECOVERED' then c.previous_holder_id end, c.holder_id, w.holder_id)
            """;

    private final JdbcClient jdbc;
    private final Map<String, String> stateNames = new ConcurrentHashMap<>();

    CandidateRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of these weapons, by id; every id must be registered (the index names only registered ones). */
    Map<Long, Registered> registered(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Registered> out = new HashMap<>();
        jdbc.sql("""
                select w.id, w.serial_as_marked as serial, mf.name as make, m.name as model, cal.name as calibre,
                       w.weapon_type::text as weapon_type, w.country_of_manufacture as country, l.number as licence,
                       c.state as custody_state, o.cvegeo as holder_cvegeo
                  from weapon w
                """ + LAST_LAWFUL_HOLDER + """
                  join manufacturer mf on mf.id = w.manufacturer_id
                  join model m on m.id = w.model_id
                  left join calibre cal on cal.id = w.calibre_id
                  left join licence_weapon_delivery d on d.weapon_id = w.id
                  left join licence_line ll on ll.id = d.licence_line_id
                  left join licence l on l.id = ll.licence_id
                 where w.id in (:ids)
                """)
                .param("ids", ids)
                .query(Registered.class)
                .list()
                .forEach(r -> out.put(r.id(), r));
        if (out.size() != ids.size()) {
            // Weapons are never deleted and the index only names registered ones: this is a broken invariant.
            throw new IllegalStateException("the trace index names weapons the registry does not hold: "
                    + ids.stream().filter(id -> !out.containsKey(id)).toList());
        }
        return out;
    }

    /** What orders these matches among equal fits, in one query for all of them (up to a search's worth of ties). */
    Map<Long, CandidateOrder.Evidence> evidence(List<SerialMatcher.Match> matches) {
        Map<Long, CandidateOrder.Evidence> out = new HashMap<>();
        jdbc.sql("""
                select w.id, c.state, o.cvegeo
                  from weapon w
                """ + LAST_LAWFUL_HOLDER + """
                 where w.id = any(cast(:ids as bigint[]))
                """)
                .param(
                        "ids",
                        CandidateCustodies.array(matches.stream()
                                .map(m -> String.valueOf(m.weaponId()))
                                .toList()))
                .query(rs -> {
                    String state = rs.getString(2);
                    out.put(
                            rs.getLong(1),
                            evidence(state == null ? null : CustodyStatus.valueOf(state), rs.getString(3)));
                });
        return out;
    }

    /** The same, from rows already read. */
    static Map<Long, CandidateOrder.Evidence> evidenceOf(Map<Long, Registered> rows) {
        Map<Long, CandidateOrder.Evidence> out = new HashMap<>();
        rows.values().forEach(r -> out.put(r.id(), evidence(r.custodyState(), r.holderCvegeo())));
        return out;
    }

    private static CandidateOrder.Evidence evidence(CustodyStatus custodyState, String holderCvegeo) {
        return new CandidateOrder.Evidence(
                CandidateOrder.Standing.of(custodyState), CandidateOrder.stateOf(holderCvegeo));
    }

    /** The name of an INEGI state (its code when the code is unknown). */
    String stateName(String code) {
        return stateNames.computeIfAbsent(
                code,
                c -> jdbc.sql("select name from state where cve_ent = :code")
                        .param("code", c)
                        .query(String.class)
                        .optional()
                        .orElse(c));
    }
}
