package org.rastro.custody;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.rastro.security.Account;
import org.rastro.security.Jurisdictions;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The armory's daily forms on a weapon's page: issue it to a person, take it back. Each is one
 * custody event through the same rules as the API; the page shows the result, or keeps what was
 * typed and says what is wrong. The form carries its own idempotency key, so sending it twice
 * records once.
 */
@Controller
class CustodyPages {

    private static final TextBundle TEXTS = TextBundle.of("custody");

    private final CustodyService custody;
    private final CustodyTimelines timelines;
    private final Jurisdictions jurisdictions;

    CustodyPages(CustodyService custody, CustodyTimelines timelines, Jurisdictions jurisdictions) {
        this.custody = custody;
        this.timelines = timelines;
        this.jurisdictions = jurisdictions;
    }

    @PostMapping("/custody/weapons/{id}/issue")
    String issue(
            @PathVariable long id,
            @RequestParam String key,
            @RequestParam String matricula,
            @RequestParam String occurredOn,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        return record(id, CustodyKind.ISSUE, key, matricula, occurredOn, account, redirect, locale);
    }

    @PostMapping("/custody/weapons/{id}/return")
    String giveBack(
            @PathVariable long id,
            @RequestParam String key,
            @RequestParam String matricula,
            @RequestParam String occurredOn,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        return record(id, CustodyKind.RETURN, key, matricula, occurredOn, account, redirect, locale);
    }

    private String record(
            long id,
            CustodyKind kind,
            String key,
            String matricula,
            String occurredOn,
            Account account,
            RedirectAttributes redirect,
            Locale locale) {
        // Outside the account's jurisdiction is a denial (403, audited), not a form error.
        jurisdictions.requireWeapon(id);
        try {
            CurrentCustody now = timelines.current(id).orElseThrow(() -> RastroException.notFound("weapon", id));
            LocalDate on;
            try {
                on = LocalDate.parse(occurredOn.strip());
            } catch (DateTimeParseException e) {
                throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("form.date", occurredOn));
            }
            RecordedEvent recorded = custody.record(
                    CustodyRequest.weapon("page-" + key, kind, id, now.holder(), null, matricula.strip(), on, null),
                    account.id(),
                    account.getUsername());
            redirect.addFlashAttribute("recorded", recorded);
        } catch (RastroException e) {
            redirect.addFlashAttribute("custodyError", worded(e, matricula).in(locale));
            redirect.addFlashAttribute("custodyForm", kind.name());
            redirect.addFlashAttribute("typedMatricula", matricula);
            redirect.addFlashAttribute("typedDate", occurredOn);
        }
        return "redirect:/registry/weapons/" + id;
    }

    /**
     * The refusal in the page's words. The API answers custody refusals in English (its clients rely on
     * it); the page words in Spanish too the rules a clerk meets here, and an unknown service number.
     */
    private static Text worded(RastroException e, String matricula) {
        if (e.code() == ErrorCode.NOT_FOUND && e.text().en().contains("matr")) {
            return TEXTS.text("form.person", matricula.strip());
        }
        return e.text();
    }
}
