package org.rastro.comparisons;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rastro.security.Account;
import org.rastro.security.Role;
import org.rastro.sharing.Psi;
import org.rastro.system.Text;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Comparisons over the API. Administrators make agreements; a foreign partner opens a session under its own
 * agreement and sends its blinded list once; it gets back the evaluations and our list's tokens, and learns
 * which of its items we hold (or how many). Every call is in the audit trail, as every write is. The partner's
 * three calls are also served under {@code /comparisons} for its page, which runs the partner's side in the
 * browser (signed-in session and CSRF token instead of a bearer token).
 */
@RestController
class ComparisonsApi {

    private static final HexFormat HEX = HexFormat.of();

    private final Comparisons comparisons;
    private final MatchTraces traces;
    private final RemoteComparisons remotes;

    ComparisonsApi(Comparisons comparisons, MatchTraces traces, RemoteComparisons remotes) {
        this.comparisons = comparisons;
        this.traces = traces;
        this.remotes = remotes;
    }

    /**
     * {@code {"partner": "socio", "title": "…", "mode": "INTERSECTION", "capPerSession": 5000, "capPerPeriod":
     * 20000, "periodDays": 30, "expiresOn": "2027-12-31"}}, and {@code "partnerLogKey"}: the verifier key of the
     * partner's custody log when it runs Rastro (its sessions must then prove their items).
     */
    @PostMapping(value = "/api/v1/comparisons/agreements", consumes = "application/json")
    ResponseEntity<Map<String, Object>> agree(@RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        Psi.Mode mode;
        LocalDate expires;
        try {
            mode = Psi.Mode.valueOf(body.path("mode").asString("INTERSECTION"));
            expires = LocalDate.parse(body.path("expiresOn").asString(""));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Comparisons.TEXTS.invalid("agreement.expires");
        }
        long id = comparisons.agree(
                body.path("partner").asString(null),
                body.path("title").asString(null),
                mode,
                body.path("capPerSession").asInt(0),
                body.path("capPerPeriod").asInt(0),
                body.path("periodDays").asInt(0),
                expires,
                body.path("partnerLogKey").asString(null),
                account.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    /** The agreements: all of them for staff, its own for a partner. */
    @GetMapping("/api/v1/comparisons/agreements")
    List<Comparisons.Agreement> agreements(@AuthenticationPrincipal Account account) {
        return comparisons.agreements(
                account.role() == Role.FOREIGN_PARTNER ? Optional.of(account.id()) : Optional.empty());
    }

    /** The partner opens a session under its agreement: the session to answer once, with its cap and expiry. */
    @PostMapping({"/api/v1/comparisons/agreements/{id}/sessions", "/comparisons/agreements/{id}/sessions"})
    ResponseEntity<Map<String, Object>> open(@PathVariable long id, @AuthenticationPrincipal Account account) {
        Psi.Session s = comparisons.open(id, account.id());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of(
                        "session",
                        s.id(),
                        "mode",
                        s.mode().name(),
                        "cap",
                        s.cap(),
                        "expires",
                        s.expires().toString(),
                        "holderItems",
                        s.holderItems()));
    }

    /**
     * {@code {"elements": ["02ab…", …], "checkpoint": "…"}}: the partner's blinded items, once. Answered at once under
     * a capped agreement (saying so); under a proven one, 202 with the positions to open ({@code checkpoint}: the
     * partner's log's signed checkpoint, which every opened event must be under).
     */
    @PostMapping(
            value = {"/api/v1/comparisons/sessions/{id}", "/comparisons/sessions/{id}"},
            consumes = "application/json")
    ResponseEntity<Map<String, Object>> request(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @AuthenticationPrincipal Account account,
            HttpServletRequest http) {
        JsonNode array = body.path("elements");
        if (!array.isArray()) {
            throw Comparisons.TEXTS.invalid("request.elements");
        }
        List<byte[]> elements = new ArrayList<>();
        for (JsonNode e : array) {
            String hex = e.asString("");
            if (!hex.matches("[0-9a-fA-F]{66}")) {
                throw Comparisons.TEXTS.invalid("request.elements");
            }
            elements.add(HEX.parseHex(hex));
        }
        return switch (comparisons.request(
                id, account.id(), elements, body.path("checkpoint").asString(null))) {
            case Comparisons.Reply.Answered a -> ResponseEntity.ok(answered(a, http));
            case Comparisons.Reply.Challenged c ->
                ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.of(
                                "session",
                                c.session(),
                                "open",
                                c.positions(),
                                "notice",
                                Comparisons.TEXTS
                                        .text("notice.open", c.positions().size())
                                        .in(Text.forApi(http))));
        };
    }

    /**
     * {@code {"openings": [{"index": 3, "make": "…", "serial": "…", "blind": "hex", "details": "…", "nonce":
     * "base64", "receipt": "c2sp.org/tlog-proof@v1…"}, …]}}: the positions a proven request was asked to open,
     * each a recovery or seizure in the partner's log; then the answer.
     */
    @PostMapping(value = "/api/v1/comparisons/sessions/{id}/proofs", consumes = "application/json")
    Map<String, Object> prove(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @AuthenticationPrincipal Account account,
            HttpServletRequest http) {
        JsonNode array = body.path("openings");
        if (!array.isArray()) {
            throw Comparisons.TEXTS.invalid("proof.openings");
        }
        List<RecoveryProofs.Opened> openings = new ArrayList<>();
        for (JsonNode o : array) {
            if (!o.path("index").isIntegralNumber()) {
                throw Comparisons.TEXTS.invalid("proof.openings");
            }
            openings.add(new RecoveryProofs.Opened(
                    o.path("index").asInt(),
                    o.path("make").asString(null),
                    o.path("serial").asString(null),
                    o.path("blind").asString(null),
                    o.path("details").asString(null),
                    o.path("nonce").asString(null),
                    o.path("receipt").asString(null)));
        }
        return answered(comparisons.prove(id, account.id(), openings), http);
    }

    /**
     * {@code {"make": "…", "serial": "…", "blind": "hex"}}: the trace of one of the partner's own weapons that a
     * session matched, shown by the item and the blind it was asked with; the match is recorded on the weapon.
     */
    @PostMapping(
            value = {"/api/v1/comparisons/sessions/{id}/traces", "/comparisons/sessions/{id}/traces"},
            consumes = "application/json")
    ResponseEntity<MatchTraces.Trace> trace(
            @PathVariable String id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(traces.open(
                        id,
                        account.id(),
                        account.username(),
                        body.path("make").asString(null),
                        body.path("serial").asString(null),
                        body.path("blind").asString(null)));
    }

    private static Map<String, Object> answered(Comparisons.Reply.Answered a, HttpServletRequest http) {
        Psi.Answer answer = a.answer();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("session", answer.sessionId());
        out.put("proven", a.proven());
        out.put(
                "notice",
                Comparisons.TEXTS
                        .text(a.proven() ? "notice.proven" : "notice.capped")
                        .in(Text.forApi(http)));
        out.put("evaluated", answer.evaluated().stream().map(HEX::formatHex).toList());
        out.put("tokens", answer.holderTokens().stream().map(HEX::formatHex).toList());
        return out;
    }

    /** The incremental mode: our list's tokens under the partner's agreement, to keep. */
    @PostMapping("/api/v1/comparisons/agreements/{id}/tokens")
    Map<String, Object> tokens(@PathVariable long id, @AuthenticationPrincipal Account account) {
        List<String> tokens = comparisons.tokens(id, account.id()).stream()
                .map(HEX::formatHex)
                .toList();
        return Map.of("agreement", id, "count", tokens.size(), "tokens", tokens);
    }

    /** {@code {"element": "02ab…"}}: one new item, blinded, evaluated once (counted, limited a minute). */
    @PostMapping(value = "/api/v1/comparisons/agreements/{id}/check", consumes = "application/json")
    Map<String, Object> check(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        String hex = body.path("element").asString("");
        if (!hex.matches("[0-9a-fA-F]{66}")) {
            throw Comparisons.TEXTS.invalid("request.elements");
        }
        return Map.of("evaluated", HEX.formatHex(comparisons.check(id, account.id(), HEX.parseHex(hex))));
    }

    /**
     * {@code {"title": "…", "url": "https://rastro.partner.example", "agreement": 3, "key": "rk_…"}}: another
     * Rastro's agreement with us, to compare our recovered weapons with its list.
     */
    @PostMapping(value = "/api/v1/comparisons/remotes", consumes = "application/json")
    ResponseEntity<Map<String, Object>> addRemote(
            @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        long id = remotes.add(
                body.path("title").asString(null),
                body.path("url").asString(null),
                body.path("agreement").asLong(0),
                body.path("key").asString(null),
                account.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    /** The other Rastros we compare with (never their keys). */
    @GetMapping("/api/v1/comparisons/remotes")
    List<RemoteComparisons.Remote> remotes() {
        return remotes.remotes();
    }

    /** Compares our recovered weapons with another Rastro's list now; the matches are recorded on each weapon. */
    @PostMapping("/api/v1/comparisons/remotes/{id}/runs")
    ResponseEntity<RemoteComparisons.Result> run(@PathVariable long id, @AuthenticationPrincipal Account account) {
        return ResponseEntity.status(HttpStatus.CREATED).body(remotes.run(id, account.id(), account.username()));
    }
}
