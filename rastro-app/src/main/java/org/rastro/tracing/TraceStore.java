package org.rastro.tracing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rastro.system.CsvOut;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces as stored: the request as observed and the answer as it was given (JSON), with the best
 * candidate and its diversion in columns for the dashboards; and the request a foreign partner's
 * system asks for when the registry found nothing.
 */
@Component
class TraceStore {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    TraceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the trace; returns its id. Call in the trace's transaction. */
    long store(TraceRequest request, long agency, long userId, TraceResult result) {
        List<Candidate> candidates = result.candidates();
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("weaponType", request.weaponType());
        observed.put("make", request.make());
        observed.put("model", request.model());
        observed.put("calibre", request.calibre());
        observed.put("country", request.country());
        observed.put("importMarks", request.importMarks());
        Candidate best = candidates.isEmpty() ? null : candidates.getFirst();
        Diversion diversion = best == null
                ? Diversion.NOT_IN_REGISTRY
                : best.custody() == null ? null : best.custody().diversion();
        return jdbc.sql("""
                insert into trace (case_number, agency_id, recovered_on, cvegeo, latitude, longitude, crime_type, seizure,
                                   observed, serial_as_read, obliterated, requested_by, best_weapon_id, best_score,
                                   candidates, diversion, result)
                values (:case, :agency, :recovered, :cvegeo, :lat, :lon, :crime, :seizure, cast(:observed as jsonb), :serial,
                        :obliterated, :user, :best, :score, :count, :diversion, cast(:result as jsonb))
                returning id
                """)
                .param("case", request.caseNumber().strip())
                .param("agency", agency)
                .param("recovered", request.recoveredOn())
                .param("cvegeo", TraceService.blankToNull(request.cvegeo()))
                .param("lat", request.latitude())
                .param("lon", request.longitude())
                .param("crime", TraceService.blankToNull(request.crimeType()))
                .param("seizure", request.seizure())
                .param("observed", JSON.writeValueAsString(observed))
                .param("serial", request.serialAsRead())
                .param("obliterated", request.obliterated())
                .param("user", userId)
                .param("best", best == null ? null : best.weaponId())
                .param("score", best == null ? null : best.score())
                .param("count", candidates.size())
                .param("diversion", diversion == null ? null : diversion.name())
                .param("result", JSON.writeValueAsString(result))
                .query(Long.class)
                .single();
    }

    StoredTrace stored(long id) {
        return jdbc.sql("""
                select t.id, t.case_number, o.code, o.name, t.recovered_on,
                       coalesce(m.name || ', ' || s.name, t.cvegeo), t.crime_type, t.seizure, t.serial_as_read,
                       t.obliterated, u.username, t.requested_at, t.result::text
                  from trace t
                  join organisation o on o.id = t.agency_id
                  join app_user u on u.id = t.requested_by
                  left join municipality m on m.cvegeo = t.cvegeo
                  left join state s on s.cve_ent = m.cve_ent
                 where t.id = :id
                """)
                .param("id", id)
                .query((rs, n) -> new StoredTrace(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getBoolean(8),
                        rs.getString(9),
                        rs.getBoolean(10),
                        rs.getString(11),
                        rs.getTimestamp(12).toInstant(),
                        JSON.readValue(rs.getString(13), TraceResult.class).withId(rs.getLong(1))))
                .optional()
                .orElseThrow(() -> TEXTS.notFound("trace.unknown", id));
    }

    /**
     * The fields partner systems (e.g. ATF eTrace) ask for, from a trace that found no candidate. A
     * trace that found one is not sent abroad: its answer is in the registry.
     */
    /** The foreign trace request as CSV: a header line of its fields and one line of their values. */
    static String foreignRequestCsv(Map<String, Object> request) {
        StringWriter out = new StringWriter();
        try (CsvOut csv = CsvOut.to(out)) {
            csv.row(request.keySet());
            csv.row(request.values().stream()
                    .map(v -> v == null ? "" : v.toString())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    Map<String, Object> foreignRequest(long id) {
        StoredTrace t = stored(id);
        if (t.result().outcome() != TraceOutcome.NO_CANDIDATE) {
            throw TEXTS.conflict("foreign.hasCandidates", id, t.result().outcome());
        }
        Map<?, ?> observed = jdbc.sql("select observed::text from trace where id = :id")
                .param("id", id)
                .query((rs, n) -> JSON.readValue(rs.getString(1), Map.class))
                .single();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestingAgency", t.agency());
        request.put("caseNumber", t.caseNumber());
        request.put("make", observed.get("make"));
        request.put("model", observed.get("model"));
        request.put("calibre", observed.get("calibre"));
        request.put("weaponType", observed.get("weaponType"));
        request.put("serial", t.serialAsRead());
        request.put("serialObliterated", t.obliterated());
        request.put("countryOfManufacture", observed.get("country"));
        request.put("importerMarks", observed.get("importMarks"));
        request.put("recoveredOn", t.recoveredOn().toString());
        request.put("recoveryPlace", t.place());
        request.put("crimeType", t.crimeType());
        request.put("rastroTrace", t.id());
        return request;
    }
}
