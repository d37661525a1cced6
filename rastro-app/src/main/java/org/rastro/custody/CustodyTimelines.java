package org.rastro.custody;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads custody as it stands and as it happened: a weapon's current custody and the timelines of items. */
@Service
public class CustodyTimelines {

    private static final String TIMELINE = """
            select e.id, e.kind::text, e.occurred_on, e.reported_on, e.recorded_at, o.code, c.code, p.matricula, e.quantity,
                   e.activity_kind || ': ' || e.activity_name
                       || coalesce(' (' || e.participants || ' participantes)', ''),
                   e.corrects_event_id, li.number, u.username, e.note, e.red_flag, l.ledger_idx,
                   array(select k.id from custody_event k where k.corrects_event_id = e.id order by k.id),
                   e.lot_id, e.weapon_id,
                   exists (select 1 from custody_acknowledgement a where a.event_id = e.id)
              from custody_event e
              join organisation o on o.id = e.organisation_id
              left join organisation c on c.id = e.counterpart_id
              left join person p on p.id = e.person_id
              left join licence li on li.id = e.licence_id
              join app_user u on u.id = e.recorded_by
              left join custody_event_leaf l on l.event_id = e.id
             where %s
             order by %s
            """;

    private final JdbcClient jdbc;

    CustodyTimelines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The weapon's custody now; a weapon the registry placed and nobody moved yet is held by its registry holder. */
    public Optional<CurrentCustody> current(long weaponId) {
        return jdbc.sql("""
                select w.id as weapon_id, coalesce(c.state, case when w.holder_id is null then null else 'HELD' end) as state,
                       o.code as holder, o.name as holder_name, p.matricula
                  from weapon w
                  left join weapon_custody c on c.weapon_id = w.id
                  left join organisation o on o.id = coalesce(c.holder_id, w.holder_id)
                  left join person p on p.id = c.person_id
                 where w.id = :id
                """).param("id", weaponId).query(CurrentCustody.class).optional();
    }

    public List<TimelineEntry> timeline(long weaponId) {
        jdbc.sql("select id from weapon where id = :id")
                .param("id", weaponId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> RastroException.notFound("weapon", weaponId));
        return timeline("weapon_id", weaponId);
    }

    public List<TimelineEntry> lotTimeline(long lotId) {
        jdbc.sql("select id from ordnance_lot where id = :id")
                .param("id", lotId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> RastroException.notFound("ordnance lot", lotId));
        return timeline("lot_id", lotId);
    }

    /** The timelines of several weapons at once (a trace's likely candidates), by weapon id; none for an unknown id. */
    public Map<Long, List<TimelineEntry>> timelines(Collection<Long> weaponIds) {
        Map<Long, List<TimelineEntry>> out = new LinkedHashMap<>();
        if (weaponIds.isEmpty()) {
            return out;
        }
        jdbc.sql(TIMELINE.formatted("e.weapon_id in (:ids)", "e.weapon_id, e.id"))
                .param("ids", weaponIds)
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(19), k -> new ArrayList<>()).add(entry(rs));
                });
        return out;
    }

    private List<TimelineEntry> timeline(String column, long id) {
        return jdbc.sql(TIMELINE.formatted("e." + column + " = :id", "e.id"))
                .param("id", id)
                .query((rs, n) -> entry(rs))
                .list();
    }

    private static TimelineEntry entry(ResultSet rs) throws SQLException {
        return new TimelineEntry(
                rs.getLong(1),
                CustodyKind.valueOf(rs.getString(2)),
                rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                (Long) rs.getObject(9),
                rs.getString(10),
                (Long) rs.getObject(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getBoolean(15),
                (Long) rs.getObject(16),
                List.of((Long[]) rs.getArray(17).getArray()),
                rs.getBoolean(20));
    }
}
