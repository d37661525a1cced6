package org.rastro.tracing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.rastro.security.Account;
import org.rastro.system.RastroException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/traces}: one recovered weapon, as observed, traced. */
@RestController
class TraceApi {

    private final TraceService traces;

    TraceApi(TraceService traces) {
        this.traces = traces;
    }

    @PostMapping(value = "/api/v1/traces", consumes = "application/json")
    ResponseEntity<TraceService.Result> trace(@RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        if (!body.isObject()) {
            throw RastroException.invalid("a trace request is a JSON object");
        }
        JsonNode weapon = body.path("weapon");
        JsonNode recovery = body.path("recovery");
        TraceService.Request request = new TraceService.Request(text(recovery, "caseNumber"), text(recovery, "agency"),
                date(recovery, "recoveredOn"), text(recovery, "cvegeo"), number(recovery, "latitude"),
                number(recovery, "longitude"), text(recovery, "crimeType"), recovery.path("seizure").asBoolean(false),
                text(weapon, "type"), text(weapon, "make"), text(weapon, "model"), text(weapon, "calibre"),
                text(weapon, "country"), text(weapon, "importMarks"), text(weapon, "serialAsRead"),
                weapon.path("obliterated").asBoolean(false));
        return ResponseEntity.status(HttpStatus.CREATED).body(traces.trace(request, account.id()));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    private static Double number(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        if (!node.get(field).isNumber()) {
            throw RastroException.invalid(field + " must be a number, got " + node.get(field));
        }
        return node.get(field).asDouble();
    }

    private static LocalDate date(JsonNode node, String field) {
        try {
            return node.hasNonNull(field) ? LocalDate.parse(node.get(field).asString()) : null;
        } catch (DateTimeParseException e) {
            throw RastroException.invalid(field + " must be a date as YYYY-MM-DD, got '" + node.get(field).asString() + "'");
        }
    }
}
