package org.rastro.dashboards;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.registry.Labels;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Service;

/**
 * Recovered weapons in figures, from the traces: where they were recovered, where they came from,
 * what they are, when, and how long they took to leave lawful hands. A recovery counts once per
 * trace. What a weapon "is" comes from the registry when the trace identified it (an exact or a
 * probable match with what was observed), else from what the examiner observed; what was observed of
 * nothing is "sin dato". The kind of diversion is the trace's for an identified weapon, "not in the
 * registry" when no candidate came back, and "unidentified" when only uncertain candidates did.
 */
@Service
public class RecoveryStats {

    private static final TextBundle TEXTS = TextBundle.of("dashboards");

    /**
     * The trace identified one registered weapon: an exact or probable match found with what the examiner
     * observed (not one found only after setting the observed make and model aside).
     */
    private static final String IDENTIFIED =
            "t.result ->> 'outcome' in ('EXACT', 'PROBABLE') and t.result -> 'filters' ->> 'relaxed' is null";

    /** The figures of one recovery, as the dashboards see it. */
    private static final String RECOVERY = """
            select t.id, t.recovered_on, t.cvegeo, m.cve_ent as state,
                   case when %1$s then t.diversion when t.candidates = 0 then 'NOT_IN_REGISTRY' else 'UNIDENTIFIED' end as diversion,
                   (%1$s) as identified,
                   case when %1$s then w.country_of_manufacture
                        else nullif(upper(t.observed ->> 'country'), '') end as country,
                   case when %1$s then w.weapon_type::text
                        else nullif(upper(t.observed ->> 'weaponType'), '') end as weapon_type,
                   -- one calibre per cartridge: the catalogue's name the trace recognised ("9mm Luger" and
                   -- "9x19mm" are one), the examiner's words only when the catalogue did not know them
                   case when %1$s then c.name
                        else coalesce(t.result -> 'filters' ->> 'calibre', nullif(t.observed ->> 'calibre', '')) end as calibre,
                   case when %1$s then (t.result -> 'candidates' -> 0 -> 'custody' -> 'daysBeforeRecovery' ->> 'fromIssue')::int
                        end as from_issue,
                   case when %1$s then (t.result -> 'candidates' -> 0 -> 'custody' -> 'daysBeforeRecovery' ->> 'fromLossReport')::int
                        end as from_loss_report
              from trace t
              left join municipality m on m.cvegeo = t.cvegeo
              left join weapon w on w.id = t.best_weapon_id
              left join calibre c on c.id = w.calibre_id
            """.formatted(IDENTIFIED);

    /** What to count: a period of recovery, a weapon type, a country of manufacture, a kind of diversion, a state. */
    public record Filter(
            LocalDate from, LocalDate to, String weaponType, String country, String diversion, String state) {
        public static final Filter ALL = new Filter(null, null, null, null, null, null);

        public Filter {
            if (from != null && to != null && to.isBefore(from)) {
                throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("filter.period", to, from));
            }
            if (weaponType != null && !weaponType.isBlank()) {
                String typed = weaponType;
                weaponType = Labels.weaponTypeCode(typed)
                        .orElseThrow(() -> new RastroException(
                                ErrorCode.INVALID_INPUT,
                                TEXTS.text("filter.weaponType", typed.strip(), Labels.weaponTypeNames())));
            } else {
                weaponType = null;
            }
            country = code(country);
            diversion = code(diversion);
            state = code(state);
            if (state != null && !state.matches("\\d{2}")) {
                throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("filter.state", state));
            }
        }

        private static String code(String s) {
            return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
        }

        StatementSpec bind(StatementSpec spec) {
            return spec.param("from", from)
                    .param("to", to)
                    .param("type", weaponType)
                    .param("country", country)
                    .param("diversion", diversion)
                    .param("state", state);
        }
    }

    private static final String WHERE = """
             where (cast(:from as date) is null or r.recovered_on >= :from)
               and (cast(:to as date) is null or r.recovered_on <= :to)
               and (cast(:type as text) is null or r.weapon_type = :type)
               and (cast(:country as text) is null or coalesce(r.country, '??') = :country)
               and (cast(:diversion as text) is null or coalesce(r.diversion, 'UNKNOWN') = :diversion)
               and (cast(:state as text) is null or r.state = :state)
            """;

    /** A count under a label: a state or municipality code, a country, a weapon type, a month. */
    public record Count(String key, String label, long n) {}

    /** Days from an event to the recovery, in buckets: under 3 months, 3–12 months, 1–3 years, 3 years or more. */
    public record Interval(String bucket, long fromIssue, long fromLossReport) {}

    /** Everything the dashboard draws for one filter. */
    public record Summary(
            long total,
            long identified,
            List<Count> byState,
            List<Count> byCountry,
            List<Count> byType,
            List<Count> byCalibre,
            List<Count> byMonth,
            List<Count> byDiversion,
            List<Interval> intervals) {}

    private final JdbcClient jdbc;

    public RecoveryStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Summary summary(Filter f) {
        // r: every recovery with its figures; f: those the filter keeps.
        String base = "with r as (" + RECOVERY + "), f as (select * from r" + WHERE + ") ";
        record Totals(long total, long identified) {}
        Totals totals = f.bind(jdbc.sql(
                        base + "select count(*) as total, count(*) filter (where identified) as identified from f"))
                .query(Totals.class)
                .single();
        List<Count> byState = f.bind(jdbc.sql(base + """
                select s.cve_ent as key, s.name as label, count(f.id) as n
                  from state s left join f on f.state = s.cve_ent
                 group by s.cve_ent, s.name order by s.cve_ent
                """)).query(Count.class).list();
        List<Count> byMonth = f.bind(jdbc.sql(base + """
                select to_char(recovered_on, 'YYYY-MM') as key, to_char(recovered_on, 'YYYY-MM') as label, count(*) as n
                  from f group by 1 order by 1
                """)).query(Count.class).list();
        List<Interval> intervals =
                f.bind(jdbc.sql(base + """
                , b(bucket, lo, hi, ord) as (values ('0-90', 0, 90, 1), ('90-365', 90, 365, 2), ('365-1095', 365, 1095, 3),
                                                   ('1095+', 1095, 2147483647, 4))
                select b.bucket,
                       count(f.id) filter (where f.from_issue >= b.lo and f.from_issue < b.hi) as from_issue,
                       count(f.id) filter (where f.from_loss_report >= b.lo and f.from_loss_report < b.hi) as from_loss_report
                  from b left join f on true
                 group by b.bucket, b.ord order by b.ord
                """)).query(Interval.class).list();
        return new Summary(
                totals.total(),
                totals.identified(),
                byState,
                grouped(f, base, "coalesce(country, '??')"),
                grouped(f, base, "coalesce(weapon_type, '??')"),
                grouped(f, base, "coalesce(calibre, '??')"),
                byMonth,
                grouped(f, base, "coalesce(diversion, 'UNKNOWN')"),
                intervals);
    }

    private List<Count> grouped(Filter f, String base, String key) {
        return f.bind(jdbc.sql(base + "select " + key + " as key, " + key + " as label, count(*) as n from f"
                        + " group by 1 order by n desc, key"))
                .query(Count.class)
                .list();
    }

    /** Recoveries per municipality of one state (INEGI codes), for the map when a state is selected. */
    public List<Count> byMunicipality(Filter f) {
        if (f.state() == null) {
            throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("filter.stateRequired"));
        }
        return f.bind(jdbc.sql("with r as (" + RECOVERY + ") select r.cvegeo as key, m.name as label, count(*) as n"
                        + " from r join municipality m on m.cvegeo = r.cvegeo" + WHERE
                        + " group by r.cvegeo, m.name order by r.cvegeo"))
                .query(Count.class)
                .list();
    }

    /** One recovery in the click-through list: the trace to open, what, where and when. */
    public record Line(
            long id,
            String caseNumber,
            LocalDate recoveredOn,
            String state,
            String municipality,
            String weaponType,
            String country,
            String calibre,
            String diversion,
            String serialAsRead) {}

    /** A page of the recoveries behind a figure, newest first. */
    public record Page(List<Line> lines, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    public Page list(Filter f, String municipality, int page, int size) {
        if (page < 1 || size < 1 || size > 500) {
            throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("filter.page", page, size));
        }
        String where = WHERE + " and (cast(:municipality as text) is null or r.cvegeo = :municipality)";
        String base = "with r as (" + RECOVERY + ") ";
        long total = f.bind(jdbc.sql(base + "select count(*) from r" + where))
                .param("municipality", municipality)
                .query(Long.class)
                .single();
        List<Line> lines = f.bind(jdbc.sql(
                        base + """
                select r.id, t.case_number, r.recovered_on, s.name as state, m.name as municipality, r.weapon_type, r.country,
                       r.calibre, r.diversion, t.serial_as_read
                  from r join trace t on t.id = r.id
                  left join municipality m on m.cvegeo = r.cvegeo
                  left join state s on s.cve_ent = r.state
                """ + where + " order by r.recovered_on desc, r.id desc limit :size offset :offset"))
                .param("municipality", municipality)
                .param("size", size)
                .param("offset", (long) (page - 1) * size)
                .query(Line.class)
                .list();
        return new Page(lines, total, page, size);
    }

    /** The names of the weapon types in a language ("es" or "en"), by code. */
    public Map<String, String> typeNames(Locale locale) {
        Map<String, String> names = new HashMap<>();
        jdbc.sql("select code::text, name_es, name_en from weapon_type").query(rs -> {
            names.put(rs.getString(1), rs.getString(locale.getLanguage().equals("en") ? 3 : 2));
        });
        return names;
    }

    /** Firearm victims per state in the latest year the source has complete (context layer, SESNSP). */
    public record Victims(int year, List<Count> byState) {}

    public Victims victims() {
        Integer year = jdbc.sql("select max(year) from firearm_victims where months = 12")
                .query(Integer.class)
                .optional()
                .orElse(null);
        return new Victims(
                year == null ? 0 : year,
                jdbc.sql("""
                select s.cve_ent as key, s.name as label, coalesce(v.victims, 0) as n
                  from state s left join firearm_victims v on v.cve_ent = s.cve_ent and v.year = :year
                 order by s.cve_ent
                """).param("year", year).query(Count.class).list());
    }
}
