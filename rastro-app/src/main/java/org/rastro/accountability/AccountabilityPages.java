package org.rastro.accountability;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.rastro.counting.CountReads;
import org.rastro.counting.CountService;
import org.rastro.counting.Discrepancies;
import org.rastro.security.Jurisdictions;
import org.rastro.system.CsvOut;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages: the national loss table with the risk tables, and one unit's accountability sheet. */
@Controller
class AccountabilityPages {

    private final LossTable losses;
    private final RiskScores risk;
    private final CountService counts;
    private final Discrepancies discrepancies;
    private final Jurisdictions jurisdictions;
    private final CountReads countReads;

    AccountabilityPages(
            LossTable losses,
            RiskScores risk,
            CountService counts,
            Discrepancies discrepancies,
            Jurisdictions jurisdictions,
            CountReads countReads) {
        this.countReads = countReads;
        this.jurisdictions = jurisdictions;
        this.losses = losses;
        this.risk = risk;
        this.counts = counts;
        this.discrepancies = discrepancies;
    }

    /** Shown rows of the risk tables on the national page. */
    static final int TOP = 15;

    @GetMapping("/accountability")
    String national(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "rate") String sort,
            Model view,
            Locale locale) {
        // A commander's page is their unit tree: its rows, each a link they may follow, and the rest of the
        // country as one aggregate line with no names (to compare against, not to drill into).
        var within = jurisdictions.organisations();
        boolean scoped = jurisdictions.registryRoot() != null;
        view.addAttribute("scoped", scoped);
        try {
            List<LossTable.Row> all = losses.rows(new LossTable.Filter(date(from), date(to), type, zone, kind), sort);
            view.addAttribute(
                    "rows", all.stream().filter(r -> within.test(r.holder())).toList());
            if (scoped) {
                view.addAttribute(
                        "elsewhere",
                        LossTable.Aggregate.of(all.stream()
                                .filter(r -> !within.test(r.holder()))
                                .toList()));
            }
        } catch (RastroException e) {
            // The filter form keeps what was typed (the page reads the request's parameters) and says what is wrong.
            view.addAttribute("error", e.text().in(locale));
            view.addAttribute("rows", List.of());
        }
        view.addAttribute("sort", sort);
        view.addAttribute("sorts", LossTable.SORTS.keySet().stream().sorted().toList());
        view.addAttribute(
                "units",
                risk.units().stream()
                        .filter(u -> within.test(u.holder()))
                        .limit(TOP)
                        .toList());
        view.addAttribute(
                "lots",
                risk.lots().stream()
                        .filter(l -> within.test(l.holder()))
                        .limit(TOP)
                        .toList());
        return "accountability/national";
    }

    /** The loss table as CSV, with the same filters and order as the page (a refusal is the page's 400 problem). */
    @GetMapping(value = "/accountability/losses.csv", produces = "text/csv")
    ResponseEntity<byte[]> lossesCsv(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "rate") String sort) {
        StringWriter out = new StringWriter();
        try (CsvOut csv = CsvOut.to(out)) {
            csv.row(
                    "holder",
                    "name",
                    "kind",
                    "zone",
                    "weapons",
                    "losses",
                    "thefts",
                    "rate",
                    "report_delay_days",
                    "found_at_count",
                    "recovered_unreported",
                    "backdated",
                    "in_transit");
            var within = jurisdictions.organisations();
            for (LossTable.Row r : losses.rows(new LossTable.Filter(date(from), date(to), type, zone, kind), sort)) {
                if (!within.test(r.holder())) {
                    continue;
                }
                csv.row(
                        r.holder(),
                        r.name(),
                        r.kind(),
                        r.zone() == null ? "" : r.zone(),
                        String.valueOf(r.weapons()),
                        String.valueOf(r.losses()),
                        String.valueOf(r.thefts()),
                        String.format(Locale.ROOT, "%.4f", r.rate()),
                        r.reportDelayDays() == null ? "" : String.format(Locale.ROOT, "%.1f", r.reportDelayDays()),
                        String.valueOf(r.foundAtCount()),
                        String.valueOf(r.recoveredUnreported()),
                        String.valueOf(r.backdated()),
                        String.valueOf(r.inTransit()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"perdidas.csv\"")
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/accountability/units/{code}")
    String unit(@PathVariable String code, Model view) {
        String holder = code.strip().toUpperCase(Locale.ROOT);
        jurisdictions.requireOrganisation(holder);
        // A holder with ordnance only, or nothing yet, has a sheet too: its weapon line is zero.
        LossTable.Row row = losses.rows(LossTable.Filter.ALL).stream()
                .filter(r -> r.holder().equals(holder))
                .findFirst()
                .orElseGet(() -> losses.empty(holder));
        view.addAttribute("row", row);
        view.addAttribute(
                "scored",
                risk.units().stream()
                        .filter(s -> s.subject().equals(holder))
                        .findFirst()
                        .orElse(null));
        view.addAttribute(
                "ordnance",
                risk.lotAccounts().stream()
                        .filter(a -> a.holder().equals(holder))
                        .toList());
        view.addAttribute("counts", counts.sessions(holder));
        // The open cases name weapons and lots: tallied like any registry row handed out.
        List<Discrepancies.Case> cases = countReads.tallied(discrepancies.list(holder, true));
        view.addAttribute("cases", cases);
        return "accountability/unit";
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new RastroException(ErrorCode.INVALID_INPUT, RiskScores.text("filter.date", value));
        }
    }
}
