package org.rastro.tracing;

import java.time.LocalDate;
import java.util.List;
import org.rastro.security.Account;
import org.rastro.security.Jurisdiction;
import org.rastro.security.Jurisdictions;
import org.rastro.security.ReadGuard;
import org.rastro.system.RastroException;
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
                   t.observed ->> 'make' as make, t.observed ->> 'model' as model, t.observed ->> 'calibre' as calibre,
                   t.serial_as_read, t.obliterated,
                   coalesce(w.country_of_manufacture, t.observed ->> 'country') as country_of_manufacture,
                   l.issuing_country as exported_from, t.result ->> 'outcome' as outcome, t.diversion
              from trace t
              left join municipality m on m.cvegeo = t.cvegeo
              left join state s on s.cve_ent = m.cve_ent
              left join weapon w on w.id = t.best_weapon_id
              left join licence_weapon_delivery d on d.weapon_id = w.id
              left join licence_line ll on ll.id = d.licence_line_id
              left join licence l on l.id = ll.licence_id and l.direction = 'EXPORT'
             where (coalesce(w.country_of_manufacture, t.observed ->> 'country') = :country or l.issuing_country = :country)
            """;

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
        if (page < 0 || size < 1 || size > 500) {
            throw RastroException.invalid("page is 0 or more and size between 1 and 500");
        }
        List<PartnerTrace> traces = jdbc.sql(SELECT + " order by t.id desc limit :size offset :offset")
                .param("country", country(account))
                .param("size", size)
                .param("offset", (long) page * size)
                .query(PartnerTrace.class)
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
                .query(PartnerTrace.class)
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

    private String country(Account account) {
        if (jurisdictions.of(account) instanceof Jurisdiction.Country c) {
            return c.country();
        }
        // Only partners reach these paths (AccessMatrix); anyone else would be a configuration error.
        throw new IllegalStateException("partner trace results are for foreign partners' accounts");
    }
}
