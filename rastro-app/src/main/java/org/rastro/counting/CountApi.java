package org.rastro.counting;

import static org.rastro.system.JsonFields.date;
import static org.rastro.system.JsonFields.text;
import static org.rastro.system.JsonFields.wholeNumber;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.security.Jurisdictions;
import org.rastro.system.BodyTooLargeException;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
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
 * Inventory counts and their discrepancy cases over the REST API.
 *
 * <pre>
 * POST /api/v1/counts                         {holder, countedOn, blind}        open a session
 * POST /api/v1/counts/{id}/weapons            {method, entries: [{serial, make}]} or text/csv (serial[,make])
 * POST /api/v1/counts/{id}/lots               {method, entries: [{lotNumber, quantity}]}
 * POST /api/v1/counts/{id}/corrections        {serial, make?, replacement?: {serial, make?}, reason}
 *                                             or {lotNumber, entered, quantity?, reason}: a new entry that corrects one
 * POST /api/v1/counts/{id}/signatures         sign; the second person's signature closes it
 * GET  /api/v1/counts/{id}/reconciliation     after the close (or live, for a count that is not blind)
 * POST /api/v1/discrepancies/{id}/investigate {note}
 * POST /api/v1/discrepancies/{id}/resolve     {resolution, note, occurredOn, weapon?: {make, serial}}
 * </pre>
 */
@RestController
class CountApi {

    private static final TextBundle TEXTS = TextBundle.of("counting");

    private final CountService counts;
    private final Discrepancies discrepancies;
    private final Jurisdictions jurisdictions;
    private final CountReads reads;

    CountApi(CountService counts, Discrepancies discrepancies, Jurisdictions jurisdictions, CountReads reads) {
        this.reads = reads;
        this.counts = counts;
        this.discrepancies = discrepancies;
        this.jurisdictions = jurisdictions;
    }

    /** A count (and its entries, signatures, reconciliation) belongs to its holder's jurisdiction. */
    private long within(long countId) {
        jurisdictions.requireOrganisation(counts.session(countId).holder());
        return countId;
    }

    private long caseWithin(long caseId) {
        jurisdictions.requireOrganisation(discrepancies.get(caseId).holder());
        return caseId;
    }

    @PostMapping(value = "/api/v1/counts", consumes = "application/json")
    ResponseEntity<CountService.Session> open(@RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        boolean blind = !body.has("blind") || body.path("blind").asBoolean(true);
        jurisdictions.requireOrganisation(text(body, "holder"));
        long id = counts.open(text(body, "holder"), date(body, "countedOn"), blind, account.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(counts.session(id));
    }

    @GetMapping("/api/v1/counts")
    List<CountService.Session> sessions(@RequestParam(required = false) String holder) {
        var within = jurisdictions.organisations();
        return counts.sessions(holder).stream()
                .filter(s -> within.test(s.holder()))
                .toList();
    }

    @GetMapping("/api/v1/counts/{id}")
    CountService.Session session(@PathVariable long id) {
        return counts.session(within(id));
    }

    @PostMapping(value = "/api/v1/counts/{id}/weapons", consumes = "application/json")
    Map<String, Object> weapons(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        List<CountService.WeaponEntry> entries = new ArrayList<>();
        for (JsonNode e : entries(body)) {
            entries.add(new CountService.WeaponEntry(
                    e.isString() ? e.asString() : text(e, "serial"), e.isString() ? null : text(e, "make")));
        }
        return entered(
                id, counts.addWeapons(within(id), entries, method(body, CountService.Method.HAND), account.id()));
    }

    /** A file of counted serials (a scanner's export, a spreadsheet): a {@code serial} column, optionally {@code make}. */
    @PostMapping(value = "/api/v1/counts/{id}/weapons", consumes = "text/csv")
    Map<String, Object> weaponFile(@PathVariable long id, InputStream csv, @AuthenticationPrincipal Account account) {
        List<CountService.WeaponEntry> entries = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(true)
                .ofCsvRecord(csv, StandardCharsets.UTF_8)) {
            List<String> header = null;
            for (CsvRecord r : reader) {
                if (header == null) {
                    header = r.getFields().stream()
                            .map(h -> h.strip().toLowerCase(Locale.ROOT))
                            .toList();
                    if (!header.contains("serial")) {
                        throw TEXTS.invalid("count.file");
                    }
                    continue;
                }
                int serial = header.indexOf("serial");
                int make = header.indexOf("make");
                entries.add(new CountService.WeaponEntry(
                        serial < r.getFieldCount() ? r.getField(serial) : "",
                        make >= 0 && make < r.getFieldCount() ? r.getField(make) : null));
            }
        } catch (IOException | CsvParseException e) {
            if (BodyTooLargeException.in(e) != null) {
                throw new RastroException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
            }
            throw TEXTS.invalid("count.fileUnreadable", e.getMessage());
        }
        return entered(id, counts.addWeapons(within(id), entries, CountService.Method.FILE, account.id()));
    }

    @PostMapping(value = "/api/v1/counts/{id}/lots", consumes = "application/json")
    Map<String, Object> lots(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        List<CountService.LotEntry> entries = new ArrayList<>();
        for (JsonNode e : entries(body)) {
            Long quantity = wholeNumber(e, "quantity");
            if (quantity == null) {
                throw TEXTS.invalid("count.lotEntry");
            }
            entries.add(new CountService.LotEntry(text(e, "lotNumber"), quantity));
        }
        return entered(id, counts.addLots(within(id), entries, method(body, CountService.Method.HAND), account.id()));
    }

    /**
     * A capture error corrected by a new entry naming the one it corrects (never an edit): a serial's latest
     * standing entry, replaced by another serial or withdrawn; or a lot's entry of the quantity entered,
     * replaced by the right quantity or withdrawn. Before the first signature only.
     */
    @PostMapping(value = "/api/v1/counts/{id}/corrections", consumes = "application/json")
    Map<String, Object> correction(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        String reason = text(body, "reason");
        if (body.has("lotNumber")) {
            Long entered = wholeNumber(body, "entered");
            if (entered == null) {
                throw TEXTS.invalid("count.correction.entered");
            }
            return entered(
                    id,
                    counts.correct(
                            within(id),
                            new CountService.LotCorrection(
                                    text(body, "lotNumber"), entered, wholeNumber(body, "quantity"), reason),
                            account.id()));
        }
        JsonNode replacement = body.path("replacement");
        return entered(
                id,
                counts.correct(
                        within(id),
                        new CountService.WeaponCorrection(
                                text(body, "serial"),
                                text(body, "make"),
                                replacement.isObject()
                                        ? new CountService.WeaponEntry(
                                                text(replacement, "serial"), text(replacement, "make"))
                                        : null,
                                reason),
                        account.id()));
    }

    @PostMapping("/api/v1/counts/{id}/signatures")
    CountService.Session sign(@PathVariable long id, @AuthenticationPrincipal Account account) {
        return counts.sign(within(id), account.id(), account.username());
    }

    @GetMapping("/api/v1/counts/{id}/reconciliation")
    Reconciliation reconciliation(@PathVariable long id) {
        return reads.tallied(counts.reconciliation(within(id)));
    }

    @GetMapping("/api/v1/discrepancies")
    List<Discrepancies.Case> cases(
            @RequestParam(required = false) String holder, @RequestParam(defaultValue = "false") boolean open) {
        var within = jurisdictions.organisations();
        return reads.tallied(discrepancies.list(holder, open).stream()
                .filter(c -> within.test(c.holder()))
                .toList());
    }

    @GetMapping("/api/v1/discrepancies/{id}")
    Discrepancies.Case discrepancy(@PathVariable long id) {
        return reads.tallied(List.of(discrepancies.get(caseWithin(id)))).getFirst();
    }

    @PostMapping(value = "/api/v1/discrepancies/{id}/investigate", consumes = "application/json")
    Discrepancies.Case investigate(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        return discrepancies.investigate(caseWithin(id), text(body, "note"), account.id());
    }

    @PostMapping(value = "/api/v1/discrepancies/{id}/resolve", consumes = "application/json")
    Discrepancies.Case resolve(
            @PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal Account account) {
        String resolution = text(body, "resolution");
        Discrepancies.Resolution kind;
        try {
            kind = resolution == null
                    ? null
                    : Discrepancies.Resolution.valueOf(resolution.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TEXTS.invalid("case.resolution", List.of(Discrepancies.Resolution.values()), resolution);
        }
        JsonNode weapon = body.path("weapon");
        return discrepancies.resolve(
                caseWithin(id),
                new Discrepancies.Resolve(
                        kind,
                        text(body, "note"),
                        date(body, "occurredOn"),
                        weapon.isObject() ? text(weapon, "make") : null,
                        weapon.isObject() ? text(weapon, "serial") : null),
                account.id(),
                account.username());
    }

    private static JsonNode entries(JsonNode body) {
        JsonNode entries = body.path("entries");
        if (!entries.isArray()) {
            throw TEXTS.invalid("count.entriesList");
        }
        return entries;
    }

    private static CountService.Method method(JsonNode body, CountService.Method otherwise) {
        String method = text(body, "method");
        if (method == null) {
            return otherwise;
        }
        try {
            return CountService.Method.valueOf(method.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TEXTS.invalid("count.method", method);
        }
    }

    private static Map<String, Object> entered(long id, CountService.Entered entered) {
        return Map.of("session", id, "entered", entered.entered(), "duplicates", entered.duplicates());
    }
}
