package org.rastro.crafted;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.rastro.tracing.TraceRequest;
import org.rastro.tracing.TraceResult;
import org.rastro.tracing.TraceService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Untraceable weapons: recorded with their description, their commercial parts traced as recovered weapons,
 * linked to the weapons already recorded (every link with its evidence), and grouped into series.
 */
@Service
public class CraftedWeapons {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A commercial part and what its trace found. */
    public record TracedPart(CraftedDescription.Part part, long traceId, TraceResult trace) {}

    /** A proposed link to another weapon, with the evidence that holds it and the examiner's decision if any. */
    public record ProposedLink(
            long other, String otherCase, double score, List<LinkModel.Evidence> evidence, String decision) {}

    /** What recording a weapon answers: its number, its parts' traces, the links proposed, its series. */
    public record Recorded(long id, List<TracedPart> parts, List<ProposedLink> links, List<Long> series) {}

    private final JdbcClient jdbc;
    private final TraceService traces;
    private final CraftedLinking linking;
    private final CraftedSeries series;

    CraftedWeapons(JdbcClient jdbc, TraceService traces, CraftedLinking linking, CraftedSeries series) {
        this.jdbc = jdbc;
        this.traces = traces;
        this.linking = linking;
        this.series = series;
    }

    @Transactional
    public Recorded record(CraftedRequest request, long userId) {
        String cvegeo = request.cvegeo() == null || request.cvegeo().isBlank()
                ? null
                : request.cvegeo().strip();
        Double lat = request.latitude();
        Double lon = request.longitude();
        if (cvegeo != null) {
            var seat = jdbc.sql("select seat_lat, seat_lon from municipality where cvegeo = :c")
                    .param("c", cvegeo)
                    .query((rs, n) -> new Double[] {rs.getObject(1, Double.class), rs.getObject(2, Double.class)})
                    .optional()
                    .orElseThrow(() -> CraftedRequest.TEXTS.invalid("request.cvegeo", request.cvegeo()));
            if (lat == null || lon == null) {
                lat = seat[0];
                lon = seat[1];
            }
        }
        long agency = traces.agency(request.agency(), cvegeo);
        CraftedDescription d = request.description();
        // Before the insert: weapon numbers then follow the order intakes commit, which the index relies on.
        linking.lock();
        long id = jdbc.sql("""
                insert into crafted_weapon (case_number, agency_id, recovered_on, cvegeo, latitude, longitude, crime_type,
                                            category, design_family, calibre, description, recorded_by)
                values (:case, :agency, :recovered, :cvegeo, :lat, :lon, :crime, :category, :family, :calibre,
                        cast(:description as jsonb), :user)
                returning id
                """)
                .param("case", request.caseNumber())
                .param("agency", agency)
                .param("recovered", request.recoveredOn())
                .param("cvegeo", cvegeo)
                .param("lat", lat)
                .param("lon", lon)
                .param("crime", request.crimeType())
                .param("category", d.category().name())
                .param("family", d.family().name())
                .param("calibre", d.calibre())
                .param("description", JSON.writeValueAsString(d))
                .param("user", userId)
                .query(Long.class)
                .single();
        for (String reference : new LinkedHashSet<>(d.ballistic())) {
            jdbc.sql("insert into crafted_ballistic (crafted_id, reference) values (:id, :ref)")
                    .param("id", id)
                    .param("ref", reference)
                    .update();
        }
        List<TracedPart> parts = new ArrayList<>();
        for (int i = 0; i < d.parts().size(); i++) {
            CraftedDescription.Part part = d.parts().get(i);
            // A commercial part is traced like a recovered weapon of its make: its custody chain is the lead.
            TraceResult trace = traces.trace(
                    new TraceRequest(
                            request.caseNumber(),
                            request.agency(),
                            request.recoveredOn(),
                            cvegeo,
                            request.latitude(),
                            request.longitude(),
                            request.crimeType(),
                            false,
                            null,
                            part.make(),
                            null,
                            null,
                            null,
                            null,
                            part.serial(),
                            false),
                    userId);
            jdbc.sql("""
                    insert into crafted_part (crafted_id, position, kind, make, serial, trace_id)
                    values (:id, :pos, :kind, :make, :serial, :trace)
                    """)
                    .param("id", id)
                    .param("pos", i)
                    .param("kind", part.kind())
                    .param("make", part.make())
                    .param("serial", part.serial())
                    .param("trace", trace.traceId())
                    .update();
            parts.add(new TracedPart(part, trace.traceId(), trace));
        }
        CraftedWeapon recorded = new CraftedWeapon(id, request.caseNumber(), request.recoveredOn(), lat, lon, d);
        link(recorded);
        return new Recorded(id, parts, links(id), series(id));
    }

    /** Keeps the weapon's strongest links (each with its evidence) and joins it to the series they hold. */
    private void link(CraftedWeapon weapon) {
        for (CraftedLinking.Scored scored : linking.strongest(weapon)) {
            jdbc.sql("""
                    insert into crafted_link (a, b, score, evidence) values (:a, :b, :score, cast(:evidence as jsonb))
                    on conflict (a, b) do update set score = excluded.score, evidence = excluded.evidence
                    """)
                    .param("a", Math.min(weapon.id(), scored.other()))
                    .param("b", Math.max(weapon.id(), scored.other()))
                    .param("score", scored.link().score())
                    .param("evidence", JSON.writeValueAsString(scored.link().evidence()))
                    .update();
        }
        series.joined(weapon.id());
    }

    /** The links proposed for a weapon, strongest first. */
    public List<ProposedLink> links(long id) {
        return jdbc.sql("""
                select case when l.a = :id then l.b else l.a end as other, w.case_number, l.score, l.evidence::text,
                       l.decision
                  from crafted_link l join crafted_weapon w on w.id = case when l.a = :id then l.b else l.a end
                 where l.a = :id or l.b = :id
                 order by l.score desc, other
                """)
                .param("id", id)
                .query((rs, n) -> new ProposedLink(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getDouble(3),
                        List.of(JSON.readValue(rs.getString(4), LinkModel.Evidence[].class)),
                        rs.getString(5)))
                .list();
    }

    /**
     * The weapon's series: every weapon reached through links that hold — confirmed by an examiner, or scored
     * at or above the series threshold and not rejected. The weapon alone when none holds.
     */
    public List<Long> series(long id) {
        return series.of(id)
                .map(s -> s.members().stream().map(CraftedSeries.Member::id).toList())
                .orElse(List.of(id));
    }

    /** An examiner's decision on a proposed link: kept with who and why, and used by the series. */
    @Transactional
    public void decide(long a, long b, String decision, String reason, long userId) {
        if (!("CONFIRMED".equals(decision) || "REJECTED".equals(decision))
                || reason == null
                || reason.isBlank()
                || reason.length() > 2000) {
            throw CraftedRequest.TEXTS.invalid("link.decision");
        }
        linking.lock();
        int updated = jdbc.sql("""
                update crafted_link set decision = :decision, reason = :reason, decided_by = :user, decided_at = now()
                 where a = :a and b = :b
                """)
                .param("decision", decision)
                .param("reason", reason.strip())
                .param("user", userId)
                .param("a", Math.min(a, b))
                .param("b", Math.max(a, b))
                .update();
        if (updated == 0) {
            throw CraftedRequest.TEXTS.notFound("link.notFound", a, b);
        }
        if ("CONFIRMED".equals(decision)) {
            series.joined(a);
        } else {
            series.split(a, b);
        }
    }

    /** Whether a weapon with this number is recorded. */
    public boolean exists(long id) {
        return jdbc.sql("select count(*) from crafted_weapon where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
