package org.rastro.custody;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.rastro.security.Account;
import org.rastro.security.AuditTrail;
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
    private final Acknowledgements acknowledgements;

    CustodyPages(
            CustodyService custody,
            CustodyTimelines timelines,
            Jurisdictions jurisdictions,
            Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
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
            @RequestParam(required = false) String pin,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            HttpServletRequest request,
            Locale locale) {
        return handOver(id, CustodyKind.ISSUE, key, matricula, occurredOn, pin, account, redirect, request, locale);
    }

    @PostMapping("/custody/weapons/{id}/return")
    String giveBack(
            @PathVariable long id,
            @RequestParam String key,
            @RequestParam String matricula,
            @RequestParam String occurredOn,
            @RequestParam(required = false) String pin,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            HttpServletRequest request,
            Locale locale) {
        return handOver(id, CustodyKind.RETURN, key, matricula, occurredOn, pin, account, redirect, request, locale);
    }

    /**
     * A weapon changes hands in two steps. Without a PIN the page shows who the matrícula names — rank,
     * name, unit — for the clerk to check against the person in front of them (a personal-data read, in the
     * audit trail); with the person's own PIN, typed by them, the event is recorded with their
     * acknowledgement.
     */
    private String handOver(
            long id,
            CustodyKind kind,
            String key,
            String matricula,
            String occurredOn,
            String pin,
            Account account,
            RedirectAttributes redirect,
            HttpServletRequest request,
            Locale locale) {
        // Outside the account's jurisdiction is a denial (403, audited), not a form error.
        jurisdictions.requireWeapon(id);
        AuditTrail.about(request, "person:" + matricula.strip().toUpperCase(Locale.ROOT));
        try {
            jurisdictions.requirePersonServed(matricula);
        } catch (RastroException e) {
            keep(redirect, kind, matricula, occurredOn, e.text(), locale);
            return "redirect:/registry/weapons/" + id;
        }
        if (pin == null || pin.isBlank()) {
            Optional<Acknowledgements.Recipient> recipient = acknowledgements.recipient(matricula);
            if (recipient.isEmpty()) {
                keep(redirect, kind, matricula, occurredOn, TEXTS.text("form.person", matricula.strip()), locale);
            } else {
                redirect.addFlashAttribute("recipient", recipient.get());
                redirect.addFlashAttribute("custodyForm", kind.name());
                redirect.addFlashAttribute("typedMatricula", recipient.get().matricula());
                redirect.addFlashAttribute("typedDate", occurredOn);
            }
            return "redirect:/registry/weapons/" + id;
        }
        return record(id, kind, key, matricula, occurredOn, pin, account, redirect, locale);
    }

    private static void keep(
            RedirectAttributes redirect,
            CustodyKind kind,
            String matricula,
            String occurredOn,
            Text error,
            Locale locale) {
        redirect.addFlashAttribute("custodyError", error.in(locale));
        redirect.addFlashAttribute("custodyForm", kind.name());
        redirect.addFlashAttribute("typedMatricula", matricula);
        redirect.addFlashAttribute("typedDate", occurredOn);
    }

    private String record(
            long id,
            CustodyKind kind,
            String key,
            String matricula,
            String occurredOn,
            String pin,
            Account account,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            CurrentCustody now = timelines.current(id).orElseThrow(() -> RastroException.notFound("weapon", id));
            // The recipient's PIN first: a wrong one records nothing (and counts toward the lock).
            Acknowledgements.Recipient recipient = acknowledgements.verify(matricula, pin);
            LocalDate on;
            try {
                on = LocalDate.parse(occurredOn.strip());
            } catch (DateTimeParseException e) {
                throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("form.date", occurredOn));
            }
            RecordedEvent recorded = custody.record(
                    CustodyRequest.weapon("page-" + key, kind, id, now.holder(), null, recipient.matricula(), on, null),
                    account.id(),
                    account.getUsername());
            // After the event's own transaction: the form's key makes a resend replay the event and acknowledge
            // it then, so an acknowledgement is never lost for good.
            acknowledgements.acknowledge(recorded.id(), recipient.personId());
            redirect.addFlashAttribute("recorded", recorded);
        } catch (RastroException e) {
            keep(redirect, kind, matricula, occurredOn, worded(e, matricula), locale);
            if (e.code() == ErrorCode.INVALID_INPUT || e.code() == ErrorCode.CONFLICT) {
                // Still at the confirmation step: the person is shown again for another try.
                acknowledgements.recipient(matricula).ifPresent(r -> redirect.addFlashAttribute("recipient", r));
            }
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
