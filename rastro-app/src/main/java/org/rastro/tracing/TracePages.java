package org.rastro.tracing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.rastro.security.Account;
import org.rastro.security.ReadGuard;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Tracing pages: recent traces and a form to trace a recovery, and one trace's report. */
@Controller
class TracePages {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    private final TraceService traces;
    private final TraceStore store;
    private final TraceReport report;
    private final JdbcClient jdbc;
    private final ReadGuard reads;
    private final TracePhotos photos;
    private final IntakeChoices choices;

    TracePages(
            TraceService traces,
            TraceStore store,
            TraceReport report,
            JdbcClient jdbc,
            ReadGuard reads,
            TracePhotos photos,
            IntakeChoices choices) {
        this.choices = choices;
        this.photos = photos;
        this.reads = reads;
        this.store = store;
        this.traces = traces;
        this.report = report;
        this.jdbc = jdbc;
    }

    /** One line of the list of recent traces. */
    record Recent(
            long id,
            String caseNumber,
            String agency,
            LocalDate recoveredOn,
            String serialAsRead,
            String outcome,
            String diversion,
            Integer bestScore) {}

    /** Ammunition or grenades of a registered lot recovered by an authority, and who drew that lot. */
    record LotRecovery(
            long eventId,
            long lotId,
            LocalDate occurredOn,
            String lotNumber,
            String ordnanceType,
            long quantity,
            String recoveredBy,
            String note,
            String drawnBy) {}

    @GetMapping("/tracing")
    String list(Model view) {
        listed(view);
        return "tracing/list";
    }

    /** What the intake form picks from: authorities, states, weapon types and crimes. */
    private void form(Model view) {
        choices.addTo(view);
        view.addAttribute("weaponTypes", WEAPON_TYPES);
    }

    private static final List<String> WEAPON_TYPES = List.of(
            "PISTOL",
            "REVOLVER",
            "RIFLE",
            "CARBINE",
            "SUBMACHINE_GUN",
            "MACHINE_GUN",
            "SHOTGUN",
            "GRENADE_LAUNCHER",
            "AUTOMATIC_GRENADE_LAUNCHER",
            "ROCKET_LAUNCHER",
            "RECOILLESS_RIFLE");

    /** The recent traces and lot recoveries, tallied by the read guard as they are shown. */
    private void listed(Model view) {
        form(view);
        List<Recent> recent = recent();
        List<LotRecovery> lots = lotRecoveries();
        reads.read(ReadGuard.Kind.TRACE, recent.stream().map(Recent::id).toList());
        reads.read(
                ReadGuard.Kind.LOT,
                lots.stream().map(LotRecovery::lotId).distinct().toList());
        view.addAttribute("recent", recent);
        view.addAttribute("lots", lots);
    }

    private List<LotRecovery> lotRecoveries() {
        return jdbc.sql("""
                select e.id as event_id, e.lot_id, e.occurred_on, l.lot_number, l.ordnance_type, e.quantity, o.code as recovered_by, e.note,
                       (select string_agg(distinct u.code, ', ' order by u.code)
                          from custody_event d join organisation u on u.id = d.organisation_id
                         where d.lot_id = e.lot_id and d.kind = 'TRANSFER_RECEIVED' and u.kind = 'UNIT') as drawn_by
                  from custody_event e
                  join ordnance_lot l on l.id = e.lot_id
                  join organisation o on o.id = e.organisation_id
                 where e.kind in ('RECOVERY', 'SEIZURE')
                 order by e.occurred_on desc, e.id desc
                 limit 50
                """).query(LotRecovery.class).list();
    }

    private List<Recent> recent() {
        return jdbc.sql("""
                select t.id, t.case_number, o.code as agency, t.recovered_on, t.serial_as_read,
                       t.result ->> 'outcome' as outcome, t.diversion, t.best_score
                  from trace t join organisation o on o.id = t.agency_id
                 order by t.id desc limit 100
                """).query(Recent.class).list();
    }

    @PostMapping("/tracing")
    String trace(
            @RequestParam String caseNumber,
            @RequestParam String agency,
            @RequestParam String recoveredOn,
            @RequestParam(required = false) String make,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String calibre,
            @RequestParam String serialAsRead,
            @RequestParam(defaultValue = "false") boolean obliterated,
            @RequestParam(required = false) String cvegeo,
            @RequestParam(required = false) String latitude,
            @RequestParam(required = false) String longitude,
            @RequestParam(required = false) String crimeType,
            @RequestParam(required = false) String weaponType,
            @RequestParam(required = false) String country,
            @RequestParam(required = false) String importMarks,
            @RequestParam(defaultValue = "false") boolean seizure,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale) {
        try {
            LocalDate date;
            try {
                date = LocalDate.parse(recoveredOn);
            } catch (DateTimeParseException e) {
                throw TEXTS.invalid("request.recoveredOn.format", recoveredOn);
            }
            TraceResult result = traces.trace(
                    new TraceRequest(
                            caseNumber,
                            agency,
                            date,
                            TraceService.blankToNull(cvegeo),
                            coordinate(latitude, -90, 90),
                            coordinate(longitude, -180, 180),
                            TraceService.blankToNull(crimeType),
                            seizure,
                            TraceService.blankToNull(weaponType),
                            make,
                            model,
                            calibre,
                            TraceService.blankToNull(country),
                            TraceService.blankToNull(importMarks),
                            serialAsRead,
                            obliterated),
                    account.id());
            reads.read(
                    ReadGuard.Kind.WEAPON,
                    result.candidates().stream().map(Candidate::weaponId).toList());
            return "redirect:/tracing/" + result.traceId();
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
            listed(view);
            return "tracing/list";
        }
    }

    /** A coordinate typed on the form (a comma as decimal mark too), within its range, or none. */
    private static Double coordinate(String typed, double min, double max) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(typed.strip().replace(',', '.'));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw TEXTS.invalid("request.coordinate", typed.strip(), (long) min, (long) max);
    }

    /** An earlier (or later) trace whose best candidate is one of this trace's candidates. */
    record OtherTrace(long id, String caseNumber, LocalDate recoveredOn, long weaponId) {}

    @GetMapping("/tracing/{id}")
    String trace(@PathVariable long id, Model view) {
        StoredTrace trace = store.stored(id);
        view.addAttribute("trace", trace);
        view.addAttribute("photos", photos.of(id));
        view.addAttribute("ambiguity", Ambiguity.of(trace.result()));
        view.addAttribute("shownAtMost", CandidateRanker.SHOWN);
        // The same weapons traced before (or since): a gun recovered twice is a story of its own.
        List<OtherTrace> others = jdbc.sql("""
                select t.id, t.case_number, t.recovered_on, t.best_weapon_id as weapon_id from trace t
                 where t.best_weapon_id = any(:weapons) and t.id <> :id order by t.recovered_on desc, t.id desc limit 50
                """)
                .param(
                        "weapons",
                        trace.result().candidates().stream()
                                .map(Candidate::weaponId)
                                .toArray(Long[]::new))
                .param("id", id)
                .query(OtherTrace.class)
                .list();
        reads.read(ReadGuard.Kind.TRACE, others.stream().map(OtherTrace::id).toList());
        view.addAttribute("otherTraces", others);
        reads.read(ReadGuard.Kind.TRACE, id);
        return "tracing/trace";
    }

    /** The report as a PDF for the signed-in user, in the page's language (the API has its own, for tokens). */
    @GetMapping(value = "/tracing/{id}/report.pdf", produces = "application/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, Locale locale) {
        byte[] pdf = report.pdf(id, locale);
        reads.read(ReadGuard.Kind.TRACE, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"rastreo-" + id + ".pdf\"")
                .body(pdf);
    }
}
