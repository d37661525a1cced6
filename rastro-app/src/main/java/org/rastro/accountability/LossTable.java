package org.rastro.accountability;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.registry.Labels;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The national loss table: for every holder (unit, armory, depot, police force), the weapons it had in
 * custody in the period, the losses and thefts reported, the rate, how long reports take, and the
 * losses nobody reported in time — found only by a count, or by a recovery somewhere else, or
 * reported after the recovery. All from the custody events; filterable by period, weapon type, zone
 * and kind of holder.
 */
@Service
public class LossTable {

    private final JdbcClient jdbc;

    public LossTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to count: a period of {@code occurredOn}, a weapon type, holders under a zone (or region) code, a kind of holder. */
    public record Filter(LocalDate from, LocalDate to, String weaponType, String zone, String kind) {
        public static final Filter ALL = new Filter(null, null, null, null, null);

        public Filter {
            if (from != null && to != null && to.isBefore(from)) {
                throw new RastroException(ErrorCode.INVALID_INPUT, RiskScores.text("filter.period", to, from));
            }
            // The type as the reader sees it (Fusil, rifle, RIFLE): a code, or a refusal naming the types.
            if (weaponType != null && !weaponType.isBlank()) {
                String typed = weaponType;
                weaponType = Labels.weaponTypeCode(typed)
                        .orElseThrow(() -> new RastroException(
                                ErrorCode.INVALID_INPUT,
                                RiskScores.text("filter.weaponType", typed.strip(), Labels.weaponTypeNames())));
            } else {
                weaponType = null;
            }
            zone = upper(zone);
            kind = upper(kind);
        }

        private static String upper(String s) {
            return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
        }
    }

    /**
     * One holder's line. {@code rate} is losses and thefts over the weapons it had in custody;
     * {@code reportDelayDays} the median days from a loss to its report.
     */
    public record Row(
            String holder,
            String name,
            String kind,
            String zone,
            long weapons,
            long losses,
            long thefts,
            double rate,
            Double reportDelayDays,
            long foundAtCount,
            long recoveredUnreported,
            long backdated,
            long inTransit) {

        public long lost() {
            return losses + thefts;
        }
    }

    /** Rows summed without their names: the rest of the country, beside a commander's own table. */
    public record Aggregate(int holders, long weapons, long lost) {

        static Aggregate of(List<Row> rows) {
            return new Aggregate(
                    rows.size(),
                    rows.stream().mapToLong(Row::weapons).sum(),
                    rows.stream().mapToLong(Row::lost).sum());
        }

        public double rate() {
            return weapons == 0 ? 0 : (double) lost / weapons;
        }
    }

    /** Columns the table sorts by; descending except the holder's code. */
    static final Map<String, Comparator<Row>> SORTS = Map.of(
            "holder", Comparator.comparing(Row::holder),
            "weapons", Comparator.comparingLong(Row::weapons).reversed(),
            "lost", Comparator.comparingLong(Row::lost).reversed(),
            "rate", Comparator.comparingDouble(Row::rate).reversed(),
            "delay", Comparator.comparing(Row::reportDelayDays, Comparator.nullsLast(Comparator.reverseOrder())),
            "foundAtCount", Comparator.comparingLong(Row::foundAtCount).reversed(),
            "recoveredUnreported",
                    Comparator.comparingLong(Row::recoveredUnreported).reversed(),
            "backdated", Comparator.comparingLong(Row::backdated).reversed());

    public List<Row> rows(Filter filter, String sort) {
        Comparator<Row> order = SORTS.get(sort == null || sort.isBlank() ? "rate" : sort);
        if (order == null) {
            throw new RastroException(
                    ErrorCode.INVALID_INPUT,
                    RiskScores.text(
                            "filter.sort",
                            String.join(", ", SORTS.keySet().stream().sorted().toList()),
                            sort));
        }
        return rows(filter).stream().sorted(order.thenComparing(Row::holder)).toList();
    }

    /** The line of a holder with no weapon events: all zero. Not found if there is no such holder. */
    Row empty(String code) {
        record Org(String code, String name, String kind) {}
        Org o = jdbc.sql("select code, name, kind from organisation where code = :c")
                .param("c", code)
                .query(Org.class)
                .optional()
                .orElseThrow(() -> new RastroException(ErrorCode.NOT_FOUND, RiskScores.text("holder.unknown", code)));
        return new Row(o.code(), o.name(), o.kind(), null, 0, 0, 0, 0, null, 0, 0, 0, 0);
    }

    List<Row> rows(Filter f) {
        return jdbc.sql("""
                with recursive place (id, zone) as (
                    select o.id, case when o.kind in ('MILITARY_ZONE', 'MILITARY_REGION') then o.code end
                      from organisation o where o.parent_id is null
                    union all
                    select o.id, case when o.kind = 'MILITARY_ZONE' then o.code else p.zone end
                      from organisation o join place p on o.parent_id = p.id)
                , holder as (
                    select o.id, o.code, o.name, o.kind, p.zone from organisation o join place p on p.id = o.id
                     where o.kind in ('UNIT', 'ARMORY', 'DEPOT', 'POLICE_FORCE')
                       and (cast(:kind as text) is null or o.kind = :kind)
                       and (cast(:zone as text) is null or p.zone = :zone or o.code = :zone
                            or exists (select 1 from organisation z where z.code = p.zone and z.parent_id in
                                        (select id from organisation r where r.code = :zone))))
                , ev as (
                    -- The rare events read one by one (a partial index holds them): reports, counts, recoveries.
                    select e.id, e.organisation_id as org, e.kind::text as kind, e.weapon_id, e.occurred_on, e.reported_on
                      from custody_event e
                     where e.kind in ('LOSS_REPORT', 'THEFT_REPORT', 'INVENTORY_MISSING', 'RECOVERY', 'SEIZURE')
                       and e.weapon_id is not null
                       and (cast(:type as text) is null
                            or exists (select 1 from weapon w where w.id = e.weapon_id and w.weapon_type::text = :type)))
                , period as (
                    select * from ev
                     where (cast(:from as date) is null or occurred_on >= :from)
                       and (cast(:to as date) is null or occurred_on <= :to))
                , handled as (
                    -- Weapons with a custody event at the holder (or sent, sold, exported to it) on a day of the
                    -- period, from the rollup the custody log's trigger keeps (V18).
                    select hw.holder_id as org, count(*) as n
                      from holder_weapon hw join holder h on h.id = hw.holder_id
                     where (cast(:from as date) is null and cast(:to as date) is null
                            or hw.days && daterange(cast(:from as date), cast(:to as date), '[]'))
                       and (cast(:type as text) is null
                            or exists (select 1 from weapon w where w.id = hw.weapon_id and w.weapon_type::text = :type))
                     group by hw.holder_id)
                , reports as (
                    select org, count(*) filter (where kind = 'LOSS_REPORT') as losses,
                           count(*) filter (where kind = 'THEFT_REPORT') as thefts,
                           percentile_cont(0.5) within group (order by (reported_on - occurred_on)::float8) as delay
                      from period where kind in ('LOSS_REPORT', 'THEFT_REPORT') group by org)
                , missing as (
                    select org, count(distinct weapon_id) as n from period where kind = 'INVENTORY_MISSING' group by org)
                , recovered as (
                    select r.weapon_id, r.occurred_on, r.org as recovered_by,
                           (select p.organisation_id from custody_event p
                             where p.weapon_id = r.weapon_id and p.id < r.id
                               and p.kind::text not in ('RECOVERY', 'SEIZURE', 'CORRECTION', 'FOREIGN_MATCH')
                             order by p.id desc limit 1) as lawful
                      from period r where r.kind in ('RECOVERY', 'SEIZURE'))
                , unreported as (
                    select lawful as org, count(distinct weapon_id) as n from recovered r
                     where lawful is not null and lawful <> recovered_by
                       and not exists (select 1 from ev l where l.weapon_id = r.weapon_id
                                          and l.kind in ('LOSS_REPORT', 'THEFT_REPORT') and l.reported_on <= r.occurred_on)
                     group by lawful)
                , backdated as (
                    select l.org, count(*) as n from period l
                     where l.kind in ('LOSS_REPORT', 'THEFT_REPORT')
                       and exists (select 1 from ev r where r.weapon_id = l.weapon_id and r.kind in ('RECOVERY', 'SEIZURE')
                                      and r.occurred_on < l.reported_on and r.occurred_on >= l.occurred_on)
                     group by l.org)
                , transit as (
                    select org, count(*) as n from (
                        select c.holder_id as org from weapon_custody c join custody_event e on e.id = c.last_event_id
                         where c.state = 'IN_TRANSIT' and e.occurred_on < current_date - 30
                        union all
                        select c.to_id from weapon_custody c join custody_event e on e.id = c.last_event_id
                         where c.state = 'IN_TRANSIT' and e.occurred_on < current_date - 30) x
                     group by org)
                select h.code as holder, h.name, h.kind, h.zone, coalesce(hd.n, 0) as weapons,
                       coalesce(r.losses, 0) as losses, coalesce(r.thefts, 0) as thefts,
                       case when coalesce(hd.n, 0) = 0 then 0
                            else (coalesce(r.losses, 0) + coalesce(r.thefts, 0))::float8 / hd.n end as rate,
                       r.delay as report_delay_days, coalesce(m.n, 0) as found_at_count,
                       coalesce(u.n, 0) as recovered_unreported, coalesce(b.n, 0) as backdated, coalesce(t.n, 0) as in_transit
                  from holder h
                  left join handled hd on hd.org = h.id
                  left join reports r on r.org = h.id
                  left join missing m on m.org = h.id
                  left join unreported u on u.org = h.id
                  left join backdated b on b.org = h.id
                  left join transit t on t.org = h.id
                 where coalesce(hd.n, 0) > 0 or r.org is not null or u.org is not null
                """)
                .param("kind", f.kind())
                .param("zone", f.zone())
                .param("type", f.weaponType())
                .param("from", f.from())
                .param("to", f.to())
                .query(Row.class)
                .list();
    }
}
