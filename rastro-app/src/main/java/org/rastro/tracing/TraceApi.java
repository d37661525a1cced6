package org.rastro.tracing;

import static org.rastro.system.JsonFields.date;
import static org.rastro.system.JsonFields.number;
import static org.rastro.system.JsonFields.text;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.security.ReadGuard;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The tracing API: {@code POST /api/v1/traces} (one recovered weapon, as observed), a batch of them
 * as CSV, the stored trace, its report, photos, people and the foreign trace request. Refusals and
 * the batch result file are in the client's language (Accept-Language, Spanish by default); a trace
 * result carries its sentences in both.
 */
@RestController
class TraceApi {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

    private final TraceService traces;
    private final TraceStore store;
    private final TracePeople people;
    private final TracePhotos photos;
    private final TraceJobs jobs;
    private final TraceReport report;

    private final ReadGuard reads;

    TraceApi(
            TraceService traces,
            TraceStore store,
            TracePeople people,
            TracePhotos photos,
            TraceJobs jobs,
            TraceReport report,
            ReadGuard reads) {
        this.reads = reads;
        this.traces = traces;
        this.store = store;
        this.people = people;
        this.photos = photos;
        this.jobs = jobs;
        this.report = report;
    }

    @PostMapping(value = "/api/v1/traces", consumes = "application/json")
    ResponseEntity<TraceResult> trace(@RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        TraceResult result = traces.trace(request(body), account.id());
        // The candidates are registry weapons with their custody: tallied like any weapon handed out.
        reads.read(
                ReadGuard.Kind.WEAPON,
                result.candidates().stream().map(Candidate::weaponId).toList());
        return ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    /** A trace request's JSON as a request; a malformed one is refused (400) with what is wrong. */
    static TraceRequest request(JsonNode body) {
        if (!body.isObject()) {
            throw TEXTS.invalid("request.object");
        }
        JsonNode weapon = body.path("weapon");
        JsonNode recovery = body.path("recovery");
        return new TraceRequest(
                text(recovery, "caseNumber"),
                text(recovery, "agency"),
                date(recovery, "recoveredOn"),
                text(recovery, "cvegeo"),
                number(recovery, "latitude"),
                number(recovery, "longitude"),
                text(recovery, "crimeType"),
                recovery.path("seizure").asBoolean(false),
                text(weapon, "type"),
                text(weapon, "make"),
                text(weapon, "model"),
                text(weapon, "calibre"),
                text(weapon, "country"),
                text(weapon, "importMarks"),
                text(weapon, "serialAsRead"),
                weapon.path("obliterated").asBoolean(false),
                people(body.path("people")));
    }

    /**
     * Many recoveries as a CSV file, traced as a job. The file is checked here: a file with a bad row is
     * refused whole (422 with every bad row) unless {@code partial=true}, which traces the good rows and
     * reports the bad ones in the result. The answer (202) is the job; its progress is at its
     * {@code Location}, and its result file at {@code /result} once it is done.
     */
    @PostMapping(value = "/api/v1/traces/batch", consumes = "text/csv")
    ResponseEntity<TraceJobs.View> batch(
            InputStream csv,
            @RequestParam(defaultValue = "false") boolean partial,
            @AuthenticationPrincipal Account account,
            HttpServletRequest http)
            throws IOException {
        TraceJobs.View job = jobs.submit(csv.readAllBytes(), partial, account, Text.forApi(http));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/traces/batch/" + job.id()))
                .body(job);
    }

    /** A trace batch job's progress: rows done of the file's, traced and rejected, and its result once done. */
    @GetMapping("/api/v1/traces/batch/{id}")
    TraceJobs.View batchJob(@PathVariable long id, @AuthenticationPrincipal Account account) {
        return jobs.view(id, account);
    }

    /** A finished job's result file (text/csv): a row per line of the file sent, in line order. */
    @GetMapping(value = "/api/v1/traces/batch/{id}/result", produces = "text/csv")
    ResponseEntity<String> batchResult(@PathVariable long id, @AuthenticationPrincipal Account account)
            throws IOException {
        StringWriter out = new StringWriter();
        jobs.writeResult(id, account, out);
        TraceJobs.View job = jobs.view(id, account);
        return ResponseEntity.ok()
                .contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"trace-results-" + id + ".csv\"")
                .header("X-Rastro-Traced", Integer.toString(job.traced()))
                .header("X-Rastro-Rejected", Integer.toString(job.rejected()))
                .body(out.toString());
    }

    /** A trace as it was asked and answered; tallied by the read guard like every trace handed out. */
    @GetMapping("/api/v1/traces/{id}")
    StoredTrace get(@PathVariable long id) {
        StoredTrace trace = store.stored(id);
        reads.read(ReadGuard.Kind.TRACE, id);
        return trace;
    }

    /** The traces whose people carried this identity document (blind-index equality search; personal data). */
    @GetMapping("/api/v1/traces/possessors")
    Map<String, Object> possessors(@RequestParam String document) {
        List<Long> traces = people.tracesWithDocument(document);
        reads.read(ReadGuard.Kind.TRACE, traces);
        return Map.of("traces", traces);
    }

    /** The people recorded with a trace (personal data). */
    @GetMapping("/api/v1/traces/{id}/people")
    List<TracePerson> people(@PathVariable long id) {
        store.stored(id);
        List<TracePerson> people = this.people.of(id);
        // The people of a trace are tallied as a read of the trace's personal data.
        reads.read(ReadGuard.Kind.TRACE, id);
        return people;
    }

    /** The trace report as a PDF, in the request's language ({@code ?lang=en} or Accept-Language). */
    @GetMapping(value = "/api/v1/traces/{id}/report.pdf", produces = "application/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @RequestParam(required = false) String lang, Locale locale) {
        Locale language = "en".equals(lang) ? Locale.ENGLISH : "es".equals(lang) ? Text.SPANISH : locale;
        byte[] pdf = report.pdf(id, language);
        reads.read(ReadGuard.Kind.TRACE, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"rastreo-" + id + ".pdf\"")
                .body(pdf);
    }

    /**
     * For a weapon not in the registry: the trace request a partner system asks for (make, model,
     * calibre, serial, country of manufacture, importer marks, recovery), as JSON or CSV.
     */
    @GetMapping("/api/v1/traces/{id}/foreign-request")
    ResponseEntity<?> foreignRequest(@PathVariable long id, @RequestParam(defaultValue = "json") String format) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw TEXTS.invalid("trace.format", format);
        }
        Map<String, Object> request = store.foreignRequest(id);
        reads.read(ReadGuard.Kind.TRACE, id);
        if (format.equals("json")) {
            return ResponseEntity.ok(request);
        }
        return ResponseEntity.ok()
                .contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"foreign-trace-" + id + ".csv\"")
                .body(TraceStore.foreignRequestCsv(request));
    }

    /** A photo of the weapon (JPEG or PNG body), stored by its SHA-256; the answer names the hash. */
    @PostMapping(
            value = "/api/v1/traces/{id}/photos",
            consumes = {"image/jpeg", "image/png"})
    ResponseEntity<Map<String, Object>> photo(
            @PathVariable long id, @RequestBody byte[] bytes, @RequestHeader("Content-Type") String type) {
        store.stored(id);
        String hash = photos.add(id, type.split(";")[0].strip(), bytes);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("sha256", hash, "photos", photos.of(id)));
    }

    @GetMapping("/api/v1/traces/{id}/photos/{sha256}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable String sha256) {
        TracePhotos.Photo photo = photos.photo(id, sha256);
        reads.read(ReadGuard.Kind.TRACE, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .body(photo.bytes());
    }

    private static List<TracePerson> people(JsonNode people) {
        if (people.isMissingNode() || people.isNull()) {
            return List.of();
        }
        if (!people.isArray()) {
            throw TEXTS.invalid("request.people");
        }
        List<TracePerson> out = new ArrayList<>();
        for (JsonNode p : people) {
            out.add(new TracePerson(
                    text(p, "role"),
                    text(p, "givenNames"),
                    text(p, "surnames"),
                    date(p, "birthDate"),
                    text(p, "nationality"),
                    text(p, "idDocument")));
        }
        return out;
    }
}
