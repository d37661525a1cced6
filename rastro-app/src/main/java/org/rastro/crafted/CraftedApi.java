package org.rastro.crafted;

import java.util.List;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.security.ReadGuard;
import org.rastro.tracing.Candidate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Untraceable weapons over the API: record one (its commercial parts traced, its links proposed, its series),
 * read its links and series again, and decide on a link.
 */
@RestController
class CraftedApi {

    private final CraftedWeapons weapons;
    private final CraftedSeries series;
    private final Reclustering reclustering;
    private final ReadGuard reads;

    CraftedApi(CraftedWeapons weapons, CraftedSeries series, Reclustering reclustering, ReadGuard reads) {
        this.weapons = weapons;
        this.series = series;
        this.reclustering = reclustering;
        this.reads = reads;
    }

    @PostMapping(value = "/api/v1/crafted", consumes = "application/json")
    ResponseEntity<CraftedWeapons.Recorded> record(
            @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        CraftedWeapons.Recorded recorded = weapons.record(CraftedRequest.parse(body), account.id());
        // The parts' candidates are registry weapons with their custody: tallied like any trace's.
        reads.read(
                ReadGuard.Kind.WEAPON,
                recorded.parts().stream()
                        .flatMap(p -> p.trace().candidates().stream())
                        .map(Candidate::weaponId)
                        .toList());
        return ResponseEntity.status(HttpStatus.CREATED).body(recorded);
    }

    /** A recorded weapon's proposed links (each with its evidence) and its series. */
    @GetMapping("/api/v1/crafted/{id}/links")
    Map<String, Object> links(@PathVariable long id) {
        if (!weapons.exists(id)) {
            throw CraftedRequest.TEXTS.notFound("crafted.notFound", id);
        }
        List<CraftedWeapons.ProposedLink> links = weapons.links(id);
        return Map.of("id", id, "links", links, "series", weapons.series(id));
    }

    /** {@code {"decision": "CONFIRMED" | "REJECTED", "reason": "…"}} on the link between two recorded weapons. */
    @PostMapping(value = "/api/v1/crafted/{id}/links/{other}", consumes = "application/json")
    Map<String, Object> decide(
            @PathVariable long id,
            @PathVariable long other,
            @RequestBody JsonNode body,
            @AuthenticationPrincipal Account account) {
        weapons.decide(
                id,
                other,
                body.path("decision").asString(null),
                body.path("reason").asString(null),
                account.id());
        return Map.of("id", id, "other", other, "series", weapons.series(id));
    }

    /** The largest series (at most {@code limit}, 1–500), each with its members, cases, first and last seen. */
    @GetMapping("/api/v1/crafted/series")
    Map<String, Object> series(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw CraftedRequest.TEXTS.invalid("series.limit", limit);
        }
        return Map.of(
                "count",
                series.count(),
                "series",
                series.largest(limit).stream().map(CraftedApi::view).toList());
    }

    /** One series by its number (its smallest member's). */
    @GetMapping("/api/v1/crafted/series/{number}")
    Map<String, Object> oneSeries(@PathVariable long number) {
        return series.named(number)
                .map(CraftedApi::view)
                .orElseThrow(() -> CraftedRequest.TEXTS.notFound("series.notFound", number));
    }

    private static Map<String, Object> view(CraftedSeries.Series s) {
        return Map.of(
                "number", s.id(),
                "name", "S-" + s.id(),
                "size", s.members().size(),
                "firstSeen", String.valueOf(s.firstSeen()),
                "lastSeen", String.valueOf(s.lastSeen()),
                "families", s.families(),
                "cases", s.cases(),
                "members", s.members());
    }

    /**
     * Re-scores every comparable pair with the current model and rebuilds links and series (administrators):
     * after a refit, or to repair. Examiners' decisions are kept.
     */
    @PostMapping("/api/v1/crafted/recluster")
    Reclustering.Done recluster() {
        return reclustering.recluster();
    }
}
