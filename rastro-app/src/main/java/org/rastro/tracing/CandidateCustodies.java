package org.rastro.tracing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rastro.custody.CustodyTimelines;
import org.rastro.custody.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the chains of custody of a trace's likely candidates, in a few queries for all of them, and
 * names each one's diversion ({@link DiversionNaming}); a weapon held on paper whose holder counted
 * its stock since without seeing it is {@link Diversion#MISSING_AT_COUNT}.
 */
@Component
class CandidateCustodies {

    private final JdbcClient jdbc;
    private final CustodyTimelines timelines;

    CandidateCustodies(JdbcClient jdbc, CustodyTimelines timelines) {
        this.jdbc = jdbc;
        this.timelines = timelines;
    }

    /** The custody of each likely candidate, by weapon id, in the candidates' order. */
    Map<Long, CandidateCustody> of(List<CandidateRows.Registered> likely, LocalDate recoveredOn) {
        if (likely.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = likely.stream().map(CandidateRows.Registered::id).toList();
        Map<Long, List<TimelineEntry>> byWeapon = timelines.timelines(ids);
        Map<Long, DiversionNaming.Standing> standings = new HashMap<>();
        jdbc.sql("""
                select w.id as weapon_id,
                       coalesce(c.state, case when w.holder_id is null then 'UNPLACED' else 'HELD' end) as state,
                       o.code as holder, o.name as holder_name, o.kind as holder_kind, p.matricula as person,
                       prev.code as previous_holder, prev.name as previous_holder_name
                  from weapon w
                  left join weapon_custody c on c.weapon_id = w.id
                  left join organisation o on o.id = coalesce(c.holder_id, w.holder_id)
                  left join person p on p.id = c.person_id
                  left join organisation prev on prev.id = c.previous_holder_id
                 where w.id in (:ids)
                """)
                .param("ids", ids)
                .query(DiversionNaming.Standing.class)
                .list()
                .forEach(s -> standings.put(s.weaponId(), s));
        Map<Long, CandidateCustody> out = new LinkedHashMap<>();
        Map<Long, LocalDate> heldSince = new LinkedHashMap<>();
        for (CandidateRows.Registered w : likely) {
            DiversionNaming.Standing s = standings.get(w.id());
            List<TimelineEntry> timeline = byWeapon.getOrDefault(w.id(), List.of());
            CandidateCustody c = DiversionNaming.custody(s, timeline, w.licence(), recoveredOn);
            out.put(w.id(), c);
            if (c.diversion() == Diversion.HELD_ON_RECORD && s.holder() != null) {
                heldSince.put(w.id(), DiversionNaming.unseenSince(timeline));
            }
        }
        // Held on paper: did its holder count since and not see it?
        for (long weapon : countedWithout(heldSince, standings, recoveredOn)) {
            out.put(weapon, out.get(weapon).divertedAs(Diversion.MISSING_AT_COUNT));
        }
        return out;
    }

    /** The weapons, held on record, whose holder counted its stock after the given day without seeing them. */
    private List<Long> countedWithout(
            Map<Long, LocalDate> since, Map<Long, DiversionNaming.Standing> standings, LocalDate recoveredOn) {
        if (since.isEmpty()) {
            return List.of();
        }
        // One row per weapon, each looked up on its own (lateral, first event only): as a join over all of
        // them the planner scanned every count of the holders, ten times slower.
        return jdbc.sql("""
                select x.weapon
                  from unnest(cast(:weapons as bigint[]), cast(:holders as text[]), cast(:since as date[])) as x(weapon, holder, since)
                 cross join lateral (select 1 from custody_event e join organisation o on o.id = e.organisation_id
                                      where o.code = x.holder and e.kind = 'INVENTORY_SEEN' and e.occurred_on > x.since
                                        and e.occurred_on <= :recovered and e.weapon_id <> x.weapon
                                      limit 1) seen
                """)
                .param(
                        "weapons",
                        array(since.keySet().stream().map(String::valueOf).toList()))
                .param(
                        "holders",
                        array(since.keySet().stream()
                                .map(w -> standings.get(w).holder())
                                .toList()))
                .param(
                        "since",
                        array(since.values().stream()
                                .map(d -> d.equals(LocalDate.MIN) ? "0001-01-01" : d.toString())
                                .toList()))
                .param("recovered", recoveredOn)
                .query(Long.class)
                .list();
    }

    /** A PostgreSQL array literal of plain values (ids, organisation codes, ISO dates: nothing to escape but quotes). */
    static String array(List<String> values) {
        return values.stream()
                .map(v -> '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(",", "{", "}"));
    }
}
