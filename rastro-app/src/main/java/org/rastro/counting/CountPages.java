package org.rastro.counting;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.rastro.security.Account;
import org.rastro.security.Jurisdictions;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Count pages: the counts of a holder and a form to open one; a count session where serials are
 * entered (typed or scanned, one per line) and lots counted, signed by two people, and once closed
 * its reconciliation with a resolution form for each open case.
 */
@Controller
class CountPages {

    private static final TextBundle TEXTS = TextBundle.of("counting");

    private final CountService counts;
    private final Discrepancies discrepancies;
    private final Jurisdictions jurisdictions;
    private final CountReads reads;

    CountPages(CountService counts, Discrepancies discrepancies, Jurisdictions jurisdictions, CountReads reads) {
        this.reads = reads;
        this.counts = counts;
        this.discrepancies = discrepancies;
        this.jurisdictions = jurisdictions;
    }

    @GetMapping("/counts")
    String list(@RequestParam(required = false) String holder, Model view) {
        var within = jurisdictions.organisations();
        view.addAttribute(
                "sessions",
                counts.sessions(holder == null || holder.isBlank() ? null : holder).stream()
                        .filter(s -> within.test(s.holder()))
                        .toList());
        return "counts/list";
    }

    @PostMapping("/counts")
    String open(
            @RequestParam String holder,
            @RequestParam String countedOn,
            @RequestParam(defaultValue = "false") boolean visible,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale) {
        jurisdictions.requireOrganisation(holder);
        try {
            long id = counts.open(holder, date(countedOn), !visible, account.id());
            return "redirect:/counts/" + id;
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
            return list(null, view);
        }
    }

    @GetMapping("/counts/{id}")
    String session(@PathVariable long id, Model view) {
        CountService.Session s = counts.session(id);
        jurisdictions.requireOrganisation(s.holder());
        // "session" is the HTTP session in templates: the count goes by another name.
        view.addAttribute("count", s);
        if (s.status().equals("CLOSED") || !s.blind()) {
            view.addAttribute("reconciliation", reads.tallied(counts.reconciliation(id)));
        }
        view.addAttribute(
                "cases",
                s.status().equals("CLOSED")
                        ? reads.tallied(discrepancies.list(null, false).stream()
                                .filter(c -> c.sessionId() == id)
                                .toList())
                        : List.of());
        if (s.status().equals("OPEN") && s.firstSigner() == null) {
            // Before the first signature: what is still to count (lots by number, never by quantity), the
            // serials entered twice, and the latest entries, each correctable.
            view.addAttribute("lotsToCount", counts.uncountedLots(id));
            view.addAttribute("latest", counts.latestEntries(id, 20));
        }
        view.addAttribute("repeated", counts.repeated(id));
        return "counts/session";
    }

    /** Serials typed or scanned into the box, one per line; "serial, make" where the serial alone is ambiguous. */
    @PostMapping("/counts/{id}/weapons")
    String weapons(
            @PathVariable long id,
            @RequestParam String serials,
            @RequestParam(defaultValue = "HAND") String method,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale,
            RedirectAttributes flash) {
        List<CountService.WeaponEntry> entries = new ArrayList<>();
        for (String line : serials.split("\\R")) {
            if (!line.isBlank()) {
                String[] parts = line.split(",", 2);
                entries.add(new CountService.WeaponEntry(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null));
            }
        }
        return act(
                id,
                view,
                locale,
                flash,
                () -> counts.addWeapons(
                        id,
                        entries,
                        "SCAN".equals(method) ? CountService.Method.SCAN : CountService.Method.HAND,
                        account.id()));
    }

    @PostMapping("/counts/{id}/lots")
    String lots(
            @PathVariable long id,
            @RequestParam String lotNumber,
            @RequestParam String quantity,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale,
            RedirectAttributes flash) {
        return act(
                id,
                view,
                locale,
                flash,
                () -> counts.addLots(
                        id,
                        List.of(new CountService.LotEntry(lotNumber, wholeNumber(quantity))),
                        CountService.Method.HAND,
                        account.id()));
    }

    /**
     * A capture error corrected: the serial entered by mistake (its latest entry), and what should have been
     * entered instead (nothing: withdrawn). The page shows the latest entries; the clerk types the serial.
     */
    @PostMapping("/counts/{id}/corrections")
    String correct(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String serial,
            @RequestParam(defaultValue = "") String replacement,
            @RequestParam(defaultValue = "") String lotNumber,
            @RequestParam(defaultValue = "") String entered,
            @RequestParam(defaultValue = "") String quantity,
            @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale,
            RedirectAttributes flash) {
        return act(id, view, locale, flash, () -> {
            if (!lotNumber.isBlank()) {
                return counts.correct(
                        id,
                        new CountService.LotCorrection(
                                lotNumber,
                                wholeNumber(entered),
                                quantity.isBlank() ? null : wholeNumber(quantity),
                                reason),
                        account.id());
            }
            String[] parts = replacement.split(",", 2);
            return counts.correct(
                    id,
                    new CountService.WeaponCorrection(
                            serial,
                            null,
                            replacement.isBlank()
                                    ? null
                                    : new CountService.WeaponEntry(
                                            parts[0].strip(), parts.length > 1 ? parts[1].strip() : null),
                            reason),
                    account.id());
        });
    }

    @PostMapping("/counts/{id}/sign")
    String sign(@PathVariable long id, @AuthenticationPrincipal Account account, Model view, Locale locale) {
        return act(id, view, locale, null, () -> counts.sign(id, account.id(), account.username()));
    }

    @PostMapping("/counts/{id}/cases/{case}/resolve")
    String resolve(
            @PathVariable long id,
            @PathVariable("case") long caseId,
            @RequestParam String resolution,
            @RequestParam String note,
            @RequestParam(required = false) String make,
            @RequestParam(required = false) String serial,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale) {
        return act(id, view, locale, null, () -> {
            Discrepancies.Resolution r;
            try {
                r = Discrepancies.Resolution.valueOf(resolution);
            } catch (IllegalArgumentException e) {
                throw TEXTS.invalid("case.resolution", List.of(Discrepancies.Resolution.values()), resolution);
            }
            // The case must be one of this count's: a form posted to another count's address changes nothing.
            if (discrepancies.get(caseId).sessionId() != id) {
                throw TEXTS.notFound("case.unknown", caseId);
            }
            return discrepancies.resolve(
                    caseId, new Discrepancies.Resolve(r, note, null, make, serial), account.id(), account.username());
        });
    }

    /**
     * Does the action, then shows the session; a refusal is shown on it, saying what was wrong. Entries that
     * repeat a serial already counted are flagged on the page the clerk lands on.
     */
    private String act(long id, Model view, Locale locale, RedirectAttributes flash, Supplier<?> action) {
        jurisdictions.requireOrganisation(counts.session(id).holder());
        try {
            Object done = action.get();
            if (flash != null
                    && done instanceof CountService.Entered entered
                    && !entered.duplicates().isEmpty()) {
                flash.addFlashAttribute("duplicates", entered.duplicates());
            }
            return "redirect:/counts/" + id;
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
            view.addAttribute("errorDetails", e.details());
            Object entries = e.details().get("entries");
            if (entries != null) {
                view.addAttribute("badEntries", entries);
            }
            return session(id, view);
        }
    }

    private static long wholeNumber(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw TEXTS.invalid("count.wholeNumber", value);
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw TEXTS.invalid("count.date", value);
        }
    }
}
