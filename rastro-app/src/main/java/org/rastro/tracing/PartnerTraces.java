package org.rastro.tracing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.rastro.security.Account;
import org.rastro.security.Jurisdiction;
import org.rastro.security.Jurisdictions;
import org.rastro.security.ReadGuard;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a foreign partner sees: trace results for recovered weapons of their own country — made there
 * (as the examiner read it, or as the registry has it) or exported from there under a licence it
 * issued. Never the people, never the military custody chain: the weapon as recovered, the place (state),
 * the outcome and the kind of diversion.
 */
@RestController
class PartnerTraces {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    /**
     * One trace as a partner sees it. The country of manufacture is the registry's when the trace found the
     * weapon there, else what the examiner read.
     */
    record PartnerTrace(
            long trace,
            LocalDate recoveredOn,
            String state,
            String weaponType,
            Text weaponTypeName,
            String make,
            String model,
            String calibre,
            String serialAsRead,
            boolean obliterated,
            String countryOfManufacture,
            String exportedFrom,
            String outcome,
            String diversion) {}

    private static final String SELECT = """
            select t.id as trace, t.recovered_on, s.name as state, t.observed ->> 'weaponType' as weapon_type,
                   wt.name_es as type_es, wt.name_en as type_en,
                   t.observed ->> 'make' as make, t.observed ->> 'model' as model, t.observed ->> 'calibre' as calibre,
                   t.serial_as_read, t.obliterated,
                   coalesce(w.country_of_manufacture, t.observed ->> 'country') as country_of_manufacture,
                   l.issuing_country as exported_from, t.result ->> 'outcome' as outcome, t.diversion
              from trace t
              left join municipality m on m.cvegeo = t.cvegeo
              left join state s on s.cve_ent = m.cve_ent
              left join weapon_type wt on wt.code::text = t.observed ->> 'weaponType'
              left join weapon w on w.id = t.best_weapon_id
              left join licence_weapon_delivery d on d.weapon_id = w.id
              left join licence_line ll on ll.id = d.licence_line_id
              left join licence l on l.id = ll.licence_id and l.direction = 'EXPORT'
             where (coalesce(w.country_of_manufacture, t.observed ->> 'country') = :country or l.issuing_country = :country)
            """;

    private static PartnerTrace row(ResultSet rs, int n) throws SQLException {
        String type = rs.getString("weapon_type");
        return new PartnerTrace(
                rs.getLong("trace"),
                rs.getObject("recovered_on", LocalDate.class),
                rs.getString("state"),
                type,
                rs.getString("type_es") == null
                        ? (type == null ? null : Text.same(type))
                        : new Text(rs.getString("type_es"), rs.getString("type_en")),
                rs.getString("make"),
                rs.getString("model"),
                rs.getString("calibre"),
                rs.getString("serial_as_read"),
                rs.getBoolean("obliterated"),
                rs.getString("country_of_manufacture"),
                rs.getString("exported_from"),
                rs.getString("outcome"),
                rs.getString("diversion"));
    }

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final ReadGuard reads;

    PartnerTraces(JdbcClient jdbc, Jurisdictions jurisdictions, ReadGuard reads) {
        this.reads = reads;
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
    }

    @GetMapping("/api/v1/partner/traces")
    List<PartnerTrace> list(
            @AuthenticationPrincipal Account account,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        return page(account, page, size);
    }

    /** A page of the partner's trace results, newest first, tallied by the read guard (the API's and the page's). */
    List<PartnerTrace> page(Account account, int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw TEXTS.invalid("partner.paging");
        }
        List<PartnerTrace> traces = jdbc.sql(SELECT + " order by t.id desc limit :size offset :offset")
                .param("country", country(account))
                .param("size", size)
                .param("offset", (long) page * size)
                .query(PartnerTraces::row)
                .list();
        reads.read(
                ReadGuard.Kind.TRACE, traces.stream().map(PartnerTrace::trace).toList());
        return traces;
    }

    @GetMapping("/api/v1/partner/traces/{id}")
    PartnerTrace one(@PathVariable long id, @AuthenticationPrincipal Account account) {
        String country = country(account);
        PartnerTrace trace = jdbc.sql(SELECT + " and t.id = :id")
                .param("country", country)
                .param("id", id)
                .query(PartnerTraces::row)
                .optional()
                .orElseThrow(() -> {
                    boolean exists = jdbc.sql("select exists (select 1 from trace where id = :id)")
                            .param("id", id)
                            .query(Boolean.class)
                            .single();
                    return exists ? Jurisdictions.otherCountry(id, country) : TEXTS.notFound("trace.unknown", id);
                });
        reads.read(ReadGuard.Kind.TRACE, id);
        return trace;
    }

    String country(Account account) {
        if (jurisdictions.of(account) instanceof Jurisdiction.Country c) {
            return c.country();
        }
        // Only partners reach these paths (AccessMatrix); anyone else would be a configuration error.
        throw new IllegalStateException("partner trace results are for foreign partners' accounts");
    }
}
