package org.rastro.phones;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.security.AuditTrail;
import org.rastro.system.Text;
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
 * Phone records over the API: investigations, their warrants, imports of operators' files under a warrant, and
 * the analyses — every analysis with its purpose ({@code Rastro-Purpose} header or {@code purpose} parameter),
 * kept in the audit trail as a read of personal data and in the investigation's own record of queries.
 */
@RestController
class PhonesApi {

    private final Investigations investigations;
    private final Warrants warrants;
    private final CallRecordImport imports;
    private final PhoneAnalyses analyses;
    private final ImportTemplates templates;
    private final CustodyNetwork network;
    private final CellSites cells;
    private final Locations locations;
    private final Churn churn;
    private final NetworkMeasures measures;

    PhonesApi(
            Investigations investigations,
            Warrants warrants,
            CallRecordImport imports,
            PhoneAnalyses analyses,
            ImportTemplates templates,
            CustodyNetwork network,
            CellSites cells,
            Locations locations,
            Churn churn,
            NetworkMeasures measures) {
        this.cells = cells;
        this.locations = locations;
        this.churn = churn;
        this.measures = measures;
        this.network = network;
        this.investigations = investigations;
        this.warrants = warrants;
        this.imports = imports;
        this.analyses = analyses;
        this.templates = templates;
    }

    /** {@code {"number": "FGR/CDMX/2026/001", "title": "…"}}. */
    @PostMapping(value = "/api/v1/investigations", consumes = "application/json")
    ResponseEntity<Map<String, Object>> open(@RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        long id = investigations.open(
                body.path("number").asString(null), body.path("title").asString(null), account.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/investigations")
    List<Investigations.Investigation> investigations() {
        return investigations.all();
    }

    /**
     * {@code {"reference": "…", "court": "…", "judge": "…", "issuedOn": "2026-11-01", "expiresOn": "2027-05-01",
     * "windowFrom": "2026-06-01T00:00:00Z", "windowTo": "2026-11-01T00:00:00Z", "numbers": ["55 1234 5678"],
     * "imeis": [], "cells": []}}.
     */
    @PostMapping(value = "/api/v1/investigations/{id}/warrants", consumes = "application/json")
    ResponseEntity<Map<String, Object>> warrant(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        Warrants.Request request;
        try {
            request = new Warrants.Request(
                    body.path("reference").asString(null),
                    body.path("court").asString(null),
                    body.path("judge").asString(null),
                    date(body, "issuedOn"),
                    date(body, "expiresOn"),
                    instant(body, "windowFrom"),
                    instant(body, "windowTo"),
                    strings(body.path("numbers")),
                    strings(body.path("imeis")),
                    strings(body.path("cells")));
        } catch (DateTimeParseException e) {
            throw Investigations.TEXTS.invalid("warrant.dates");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", warrants.record(id, request, account.id())));
    }

    @GetMapping("/api/v1/investigations/{id}/warrants")
    List<Warrants.Warrant> warrants(@PathVariable long id) {
        return warrants.of(id);
    }

    /** The operators' layouts an import may name. */
    @GetMapping("/api/v1/phone-templates")
    List<ImportTemplate> templates() {
        return templates.all();
    }

    /**
     * An operator's file (the body, {@code text/csv}) under a warrant, read through {@code template}: 201 with
     * what was stored and refused; 200 with the same when the file was imported before; 400 naming every bad row.
     */
    @PostMapping(
            value = "/api/v1/warrants/{id}/imports",
            consumes = {"text/csv", "text/plain"})
    ResponseEntity<CallRecordImport.Result> importFile(
            @PathVariable long id,
            @RequestParam String template,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String file,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        CallRecordImport.Result result;
        try {
            result = imports.importFile(
                    id,
                    template,
                    ImportKind.named(kind),
                    file,
                    http.getInputStream(),
                    account.id(),
                    Text.forApi(http),
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The trail names the warrant, the import and how many rows it refused as outside the warrant.
        AuditTrail.about(http, "warrant:" + id + " import:" + result.importId() + " refused:" + result.rowsRefused());
        return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(result);
    }

    @GetMapping("/api/v1/investigations/{id}/phones/{number}/contacts")
    List<PhoneAnalyses.Contact> contacts(
            @PathVariable long id,
            @PathVariable String number,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return analyses.contacts(id, number, purpose(http), account.id());
    }

    /** The shortest paths of contacts between two phones, up to {@code hops} hops (at most 4). */
    @GetMapping("/api/v1/investigations/{id}/phones/paths")
    List<PhoneAnalyses.Path> paths(
            @PathVariable long id,
            @RequestParam String from,
            @RequestParam String to,
            @RequestParam(defaultValue = "3") int hops,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return analyses.paths(id, from, to, hops, purpose(http), account.id());
    }

    @GetMapping("/api/v1/investigations/{id}/phones/common")
    PhoneAnalyses.Commons common(
            @PathVariable long id,
            @RequestParam List<String> numbers,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return analyses.common(id, numbers, purpose(http), account.id());
    }

    /**
     * {@code {"matricula": "S-123456", "number": "722 123 4567", "source": "SUBSCRIBER_RECORD", "reference": "Oficio
     * 456/2026 del operador"}}: a phone linked to a person by a piece of evidence.
     */
    @PostMapping(value = "/api/v1/investigations/{id}/phone-links", consumes = "application/json")
    ResponseEntity<Map<String, Object>> link(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        LinkSource source;
        try {
            source = LinkSource.valueOf(body.path("source").asString(""));
        } catch (IllegalArgumentException e) {
            throw Investigations.TEXTS.invalid("link.source");
        }
        long link = network.link(
                id,
                body.path("matricula").asString(null),
                body.path("number").asString(null),
                source,
                body.path("reference").asString(null),
                account.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", link));
    }

    /** From a weapon: the people it was issued to, their phones linked in the investigation, whom they talked to. */
    @GetMapping("/api/v1/investigations/{id}/weapons/{weapon}/network")
    CustodyNetwork.FromItem fromWeapon(
            @PathVariable long id,
            @PathVariable long weapon,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return network.fromWeapon(id, weapon, purpose(http), account.id());
    }

    /**
     * From a lot (grenades, ammunition): the units that drew it, the people it was issued to, their phones and
     * contacts, and where it was recovered.
     */
    @GetMapping("/api/v1/investigations/{id}/lots/{lot}/network")
    CustodyNetwork.FromItem fromLot(
            @PathVariable long id,
            @PathVariable long lot,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return network.fromLot(id, lot, purpose(http), account.id());
    }

    /** The contact matrix of 2 to 50 phones: how many records join each pair. */
    @GetMapping("/api/v1/investigations/{id}/phones/matrix")
    PhoneAnalyses.Matrix matrix(
            @PathVariable long id,
            @RequestParam List<String> numbers,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return analyses.matrix(id, numbers, purpose(http), account.id());
    }

    /** The records between two phones: what lies behind a link. */
    @GetMapping("/api/v1/investigations/{id}/phones/{number}/records")
    List<PhoneAnalyses.Between> between(
            @PathVariable long id,
            @PathVariable String number,
            @RequestParam String with,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return analyses.between(id, number, with, purpose(http), account.id());
    }

    /** Meetings: the phone and others at the same or neighbouring cells within {@code minutes}. */
    @GetMapping("/api/v1/investigations/{id}/phones/{number}/meetings")
    List<Locations.Meeting> meetings(
            @PathVariable long id,
            @PathVariable String number,
            @RequestParam(required = false) String with,
            @RequestParam(defaultValue = "30") int minutes,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return locations.meetings(id, number, with, minutes, purpose(http), account.id());
    }

    /** Where a phone spends its nights and working hours, as cells with their sectors. */
    @GetMapping("/api/v1/investigations/{id}/phones/{number}/pattern-of-life")
    Locations.PatternOfLife pattern(
            @PathVariable long id,
            @PathVariable String number,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return locations.patternOfLife(id, number, purpose(http), account.id());
    }

    /** The phones seen in two or more of the given tower dumps (their import ids). */
    @GetMapping("/api/v1/investigations/{id}/phones/in-dumps")
    Locations.AcrossDumps inDumps(
            @PathVariable long id,
            @RequestParam List<Long> dumps,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return locations.acrossDumps(id, dumps, purpose(http), account.id());
    }

    /** The handsets and SIMs a number was used with, and the other numbers in those handsets. */
    @GetMapping("/api/v1/investigations/{id}/phones/{number}/handsets")
    Churn.Handsets handsets(
            @PathVariable long id,
            @PathVariable String number,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return churn.handsets(id, number, purpose(http), account.id());
    }

    /** The numbers that may have replaced this one, ranked with the contacts they share. */
    @GetMapping("/api/v1/investigations/{id}/phones/{number}/replacements")
    List<Churn.Replacement> replacements(
            @PathVariable long id,
            @PathVariable String number,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return churn.replacementsOf(id, number, purpose(http), account.id());
    }

    /** Across the investigation: the numbers that went silent and their likeliest replacements. */
    @GetMapping("/api/v1/investigations/{id}/phones/replaced")
    List<Churn.Replacement> replaced(
            @PathVariable long id, HttpServletRequest http, @AuthenticationPrincipal Account account) {
        return churn.replaced(id, purpose(http), account.id());
    }

    /**
     * Brokers (betweenness, PageRank, cores) and communities of the investigation's contact network, or of the
     * network within {@code hops} of the phones {@code around}.
     */
    @GetMapping("/api/v1/investigations/{id}/phones/network")
    NetworkMeasures.Measures network(
            @PathVariable long id,
            @RequestParam(defaultValue = "20") int top,
            @RequestParam(required = false) List<String> around,
            @RequestParam(defaultValue = "2") int hops,
            HttpServletRequest http,
            @AuthenticationPrincipal Account account) {
        return measures.of(id, top, around == null ? List.of() : around, hops, purpose(http), account.id());
    }

    /**
     * An operator's cell-site list (the body, CSV with {@code cell_id,operator,latitude,longitude,azimuth,
     * beam_width,radius_m,address}): all or nothing, every bad row named.
     */
    @PostMapping(
            value = "/api/v1/cell-sites",
            consumes = {"text/csv", "text/plain"})
    CellSites.Listed cellSites(HttpServletRequest http, @AuthenticationPrincipal Account account) {
        try (java.io.Reader in =
                new java.io.InputStreamReader(http.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            return cells.list(in, account.id(), Text.forApi(http));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"retainUntil": "2027-06-30"}}: closes the investigation; its records are kept until then. */
    @PostMapping(value = "/api/v1/investigations/{id}/closure", consumes = "application/json")
    Investigations.Investigation close(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        LocalDate until;
        try {
            until = date(body, "retainUntil");
        } catch (DateTimeParseException e) {
            throw Investigations.TEXTS.invalid("investigation.retention");
        }
        return investigations.close(id, until, account.id());
    }

    /** Destroys a closed investigation's records once its retention date has come; the destruction is kept. */
    @PostMapping("/api/v1/investigations/{id}/destruction")
    Investigations.Investigation destroy(
            @PathVariable long id, HttpServletRequest http, @AuthenticationPrincipal Account account) {
        Investigations.Investigation done = investigations.destroy(id, account.id());
        AuditTrail.about(http, "investigation:" + id + " destroyed:" + done.destroyedRecords());
        return done;
    }

    /** From a phone: the people it is linked to, by what evidence, and the weapons each had in custody. */
    @GetMapping("/api/v1/investigations/{id}/phones/{number}/custody")
    List<CustodyNetwork.Person> fromPhone(@PathVariable long id, @PathVariable String number) {
        return network.fromPhone(id, number);
    }

    private static String purpose(HttpServletRequest http) {
        String p = http.getHeader(AuditTrail.PURPOSE_HEADER);
        return p != null ? p : http.getParameter("purpose");
    }

    private static LocalDate date(JsonNode body, String field) {
        String v = body.path(field).asString(null);
        return v == null ? null : LocalDate.parse(v);
    }

    private static Instant instant(JsonNode body, String field) {
        String v = body.path(field).asString(null);
        return v == null ? null : Instant.parse(v);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asString("")));
        }
        return out;
    }
}
