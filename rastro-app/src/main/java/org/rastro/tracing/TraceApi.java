package org.rastro.tracing;

import static org.rastro.system.JsonFields.date;
import static org.rastro.system.JsonFields.number;
import static org.rastro.system.JsonFields.text;

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
    private final TraceBatch batch;
    private final TraceReport report;

    TraceApi(TraceService traces, TraceBatch batch, TraceReport report) {
        this.traces = traces;
        this.batch = batch;
        this.report = report;
    }

    /** A trace as it was asked and answered. */
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/traces/{id}")
    TraceService.Stored get(@org.springframework.web.bind.annotation.PathVariable long id) {
        return traces.stored(id);
    }

    /**
     * For a weapon not in the registry: the trace request a partner system asks for (make, model,
     * calibre, serial, country of manufacture, importer marks, recovery), as JSON or CSV.
     */
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/traces/{id}/foreign-request")
    ResponseEntity<?> foreignRequest(@org.springframework.web.bind.annotation.PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "json") String format) {
        java.util.Map<String, Object> request = traces.foreignRequest(id);
        if (format.equals("csv")) {
            java.io.StringWriter out = new java.io.StringWriter();
            try (var csv = de.siegmar.fastcsv.writer.CsvWriter.builder().build(out)) {
                csv.writeRecord(request.keySet());
                csv.writeRecord(request.values().stream().map(v -> v == null ? "" : v.toString()).toList());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"foreign-trace-" + id + ".csv\"").body(out.toString());
        }
        if (!format.equals("json")) {
            throw RastroException.invalid("format is json or csv, got '" + format + "'");
        }
        return ResponseEntity.ok(request);
    }

    /** The trace report as a PDF, in the request's language ({@code ?lang=en} or Accept-Language). */
    @org.springframework.web.bind.annotation.GetMapping(value = "/api/v1/traces/{id}/report.pdf", produces = "application/pdf")
    ResponseEntity<byte[]> pdf(@org.springframework.web.bind.annotation.PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String lang, java.util.Locale locale) {
        java.util.Locale language = "en".equals(lang) ? java.util.Locale.ENGLISH : "es".equals(lang)
                ? java.util.Locale.forLanguageTag("es") : locale;
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"rastreo-" + id + ".pdf\"")
                .body(report.pdf(id, language));
    }

    /**
     * Many recoveries as a CSV file; the answer is the result file (text/csv). A file with a bad row
     * is rejected whole (422 with every bad row) unless {@code partial=true}, which traces the good
     * rows and reports the bad ones in the result.
     */
    @PostMapping(value = "/api/v1/traces/batch", consumes = "text/csv")
    ResponseEntity<?> batch(java.io.InputStream csv,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean partial,
            @AuthenticationPrincipal Account account) {
        return switch (batch.run(csv, partial, account.id())) {
            case TraceBatch.Outcome.Traced t -> ResponseEntity.ok()
                    .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"trace-results.csv\"")
                    .header("X-Rastro-Traced", Integer.toString(t.traced()))
                    .header("X-Rastro-Rejected", Integer.toString(t.rejected()))
                    .body(t.csv());
            case TraceBatch.Outcome.Rejected r -> ResponseEntity.status(422)
                    .body(java.util.Map.of("status", 422, "code", "IMPORT_REJECTED",
                            "detail", r.problems().size() + " rows have problems; nothing was traced (send partial=true"
                                    + " to trace the good rows)", "problems", r.problems()));
        };
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
                weapon.path("obliterated").asBoolean(false), people(body.path("people")));
        return ResponseEntity.status(HttpStatus.CREATED).body(traces.trace(request, account.id()));
    }

    private static java.util.List<TraceService.Person> people(JsonNode people) {
        if (people.isMissingNode() || people.isNull()) {
            return java.util.List.of();
        }
        if (!people.isArray()) {
            throw RastroException.invalid("people is a list of {role, givenNames, surnames, birthDate, nationality, idDocument}");
        }
        java.util.List<TraceService.Person> out = new java.util.ArrayList<>();
        for (JsonNode p : people) {
            out.add(new TraceService.Person(text(p, "role"), text(p, "givenNames"), text(p, "surnames"), date(p, "birthDate"),
                    text(p, "nationality"), text(p, "idDocument")));
        }
        return out;
    }

    /** The people recorded with a trace (personal data). */
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/traces/{id}/people")
    java.util.List<TraceService.Person> people(@org.springframework.web.bind.annotation.PathVariable long id) {
        traces.stored(id);
        return traces.people(id);
    }

    /** A photo of the weapon (JPEG or PNG body), stored by its SHA-256; the answer names the hash. */
    @PostMapping(value = "/api/v1/traces/{id}/photos", consumes = {"image/jpeg", "image/png"})
    ResponseEntity<java.util.Map<String, Object>> photo(@org.springframework.web.bind.annotation.PathVariable long id,
            @RequestBody byte[] bytes, @org.springframework.web.bind.annotation.RequestHeader("Content-Type") String type) {
        String hash = traces.addPhoto(id, type.split(";")[0].strip(), bytes);
        return ResponseEntity.status(HttpStatus.CREATED).body(java.util.Map.of("sha256", hash, "photos", traces.photos(id)));
    }

    @org.springframework.web.bind.annotation.GetMapping("/api/v1/traces/{id}/photos/{sha256}")
    ResponseEntity<byte[]> photo(@org.springframework.web.bind.annotation.PathVariable long id,
            @org.springframework.web.bind.annotation.PathVariable String sha256) {
        var photo = traces.photo(id, sha256);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(photo.getKey()))
                .body(photo.getValue());
    }
}
