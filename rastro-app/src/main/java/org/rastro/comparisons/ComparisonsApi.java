package org.rastro.comparisons;

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
 * which of its items we hold (or how many). Every call is in the audit trail, as every write is.
 */
@RestController
class ComparisonsApi {

    private static final HexFormat HEX = HexFormat.of();

    private final Comparisons comparisons;

    ComparisonsApi(Comparisons comparisons) {
        this.comparisons = comparisons;
    }

    /**
     * {@code {"partner": "socio", "title": "…", "mode": "INTERSECTION", "capPerSession": 5000, "capPerPeriod":
     * 20000, "periodDays": 30, "expiresOn": "2027-12-31"}}.
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
    @PostMapping("/api/v1/comparisons/agreements/{id}/sessions")
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

    /** {@code {"elements": ["02ab…", …]}}: the partner's blinded items; answered once. */
    @PostMapping(value = "/api/v1/comparisons/sessions/{id}", consumes = "application/json")
    Map<String, Object> answer(
            @PathVariable String id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
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
        Psi.Answer answer = comparisons.answer(id, account.id(), elements);
        return Map.of(
                "session",
                answer.sessionId(),
                "evaluated",
                answer.evaluated().stream().map(HEX::formatHex).toList(),
                "tokens",
                answer.holderTokens().stream().map(HEX::formatHex).toList());
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
}
