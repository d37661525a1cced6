package org.rastro.crafted;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    CraftedWeapons(JdbcClient jdbc, TraceService traces) {
        this.jdbc = jdbc;
        this.traces = traces;
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

    /** Scores the weapon against those that could share its producer, and keeps the links worth proposing. */
    private void link(CraftedWeapon weapon) {
        for (CraftedWeapon other : comparable(weapon)) {
            LinkModel.Link link = LinkModel.score(weapon, other);
            if (link.score() < LinkModel.PROPOSAL_THRESHOLD) {
                continue;
            }
            jdbc.sql("""
                    insert into crafted_link (a, b, score, evidence) values (:a, :b, :score, cast(:evidence as jsonb))
                    on conflict (a, b) do update set score = excluded.score, evidence = excluded.evidence
                    """)
                    .param("a", Math.min(weapon.id(), other.id()))
                    .param("b", Math.max(weapon.id(), other.id()))
                    .param("score", link.score())
                    .param("evidence", JSON.writeValueAsString(link.evidence()))
                    .update();
        }
    }

    /**
     * The recorded weapons that could link to this one: the same design family, the same case, a shared
     * ballistic reference, or a commercial part of the same make. Other pairs cannot reach the proposal
     * threshold (place and time alone stay below it).
     */
    private List<CraftedWeapon> comparable(CraftedWeapon weapon) {
        CraftedDescription d = weapon.description();
        String[] makes = d.parts().stream()
                .map(CraftedDescription.Part::make)
                .filter(m -> m != null && !m.isBlank())
                .map(String::toUpperCase)
                .toArray(String[]::new);
        return jdbc.sql("""
                select w.id, w.case_number, w.recovered_on, w.latitude, w.longitude, w.description::text
                  from crafted_weapon w
                 where w.id <> :id
                   and (w.design_family = :family
                        or upper(w.case_number) = upper(:case)
                        or exists (select 1 from crafted_ballistic b where b.crafted_id = w.id and b.reference = any(:refs))
                        or exists (select 1 from crafted_part p where p.crafted_id = w.id and upper(p.make) = any(:makes)))
                """)
                .param("id", weapon.id())
                .param("family", d.family().name())
                .param("case", weapon.caseNumber())
                .param("refs", d.ballistic().toArray(String[]::new))
                .param("makes", makes)
                .query((rs, n) -> new CraftedWeapon(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, java.time.LocalDate.class),
                        rs.getObject(4, Double.class),
                        rs.getObject(5, Double.class),
                        JSON.readValue(rs.getString(6), CraftedDescription.class)))
                .list();
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

    /** Every series of two or more weapons: connected groups of the links that hold, largest first. */
    public List<List<Long>> allSeries() {
        Map<Long, List<Long>> edges = holdingLinks();
        Set<Long> seen = new java.util.HashSet<>();
        List<List<Long>> series = new ArrayList<>();
        for (long start : edges.keySet().stream().sorted().toList()) {
            if (seen.contains(start)) {
                continue;
            }
            List<Long> group = reach(start, edges);
            seen.addAll(group);
            series.add(group);
        }
        series.sort((a, b) -> a.size() != b.size() ? b.size() - a.size() : Long.compare(a.getFirst(), b.getFirst()));
        return series;
    }

    private Map<Long, List<Long>> holdingLinks() {
        Map<Long, List<Long>> edges = new java.util.HashMap<>();
        jdbc.sql("""
                select a, b from crafted_link
                 where decision = 'CONFIRMED' or (score >= :threshold and decision is distinct from 'REJECTED')
                """).param("threshold", LinkModel.SERIES_THRESHOLD).query(rs -> {
            edges.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            edges.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getLong(1));
        });
        return edges;
    }

    private static List<Long> reach(long id, Map<Long, List<Long>> edges) {
        Set<Long> seen = new LinkedHashSet<>(List.of(id));
        Deque<Long> next = new ArrayDeque<>(List.of(id));
        while (!next.isEmpty()) {
            for (long o : edges.getOrDefault(next.poll(), List.of())) {
                if (seen.add(o)) {
                    next.add(o);
                }
            }
        }
        return seen.stream().sorted(Comparator.naturalOrder()).toList();
    }

    /**
     * The weapon's series: every weapon reached through links that hold — confirmed by an examiner, or scored
     * at or above the series threshold and not rejected. The weapon alone when none holds.
     */
    public List<Long> series(long id) {
        return reach(id, holdingLinks());
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
