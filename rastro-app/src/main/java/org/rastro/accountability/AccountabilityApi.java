package org.rastro.accountability;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.rastro.registry.RegistryService;
import org.rastro.security.Jurisdictions;
import org.rastro.security.ReadGuard;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loss analytics and risk over the REST API: the national loss table (filter by period, weapon type,
 * zone or region, kind of holder; sort by any column), ordnance accounting per lot and holder, and
 * the risk tables of units, lots and people with the facts behind every score.
 */
@RestController
class AccountabilityApi {

    private final LossTable losses;
    private final RiskScores risk;
    private final PeopleRisk people;
    private final RiskAlerts alerts;
    private final Jurisdictions jurisdictions;

    private final RegistryService registry;
    private final ReadGuard reads;

    AccountabilityApi(
            LossTable losses,
            RiskScores risk,
            PeopleRisk people,
            RiskAlerts alerts,
            Jurisdictions jurisdictions,
            RegistryService registry,
            ReadGuard reads) {
        this.registry = registry;
        this.reads = reads;
        this.people = people;
        this.jurisdictions = jurisdictions;
        this.losses = losses;
        this.risk = risk;
        this.alerts = alerts;
    }

    /** Reviews the risk scores now and alerts whatever reached the threshold (also done on a schedule). */
    @PostMapping("/api/v1/accountability/review")
    RiskAlerts.Review review() {
        return alerts.review();
    }

    @GetMapping("/api/v1/accountability/losses")
    List<LossTable.Row> losses(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String sort) {
        var within = jurisdictions.organisations();
        return losses.rows(new LossTable.Filter(date("from", from), date("to", to), type, zone, kind), sort).stream()
                .filter(r -> within.test(r.holder()))
                .toList();
    }

    @GetMapping("/api/v1/accountability/ordnance")
    List<RiskScores.LotAccount> ordnance(@RequestParam(required = false) String holder) {
        var within = jurisdictions.organisations();
        return risk.lotAccounts().stream()
                .filter(a -> within.test(a.holder()))
                .filter(a -> holder == null || a.holder().equalsIgnoreCase(holder.strip()))
                .toList();
    }

    @GetMapping("/api/v1/accountability/risk/units")
    List<RiskScores.Scored> units() {
        var within = jurisdictions.organisations();
        return risk.units().stream().filter(s -> within.test(s.holder())).toList();
    }

    @GetMapping("/api/v1/accountability/risk/lots")
    List<RiskScores.Scored> lots() {
        var within = jurisdictions.organisations();
        return risk.lots().stream().filter(l -> within.test(l.holder())).toList();
    }

    @GetMapping("/api/v1/accountability/risk/people")
    List<RiskScores.Scored> people() {
        // A commander sees the people of their unit tree; the inspectorate everyone's.
        var within = jurisdictions.organisations();
        List<RiskScores.Scored> scored =
                people.people().stream().filter(s -> within.test(s.holder())).toList();
        // Named people: tallied by the read guard like any person handed out.
        reads.read(
                ReadGuard.Kind.PERSON,
                scored.stream().map(s -> registry.personId(s.subject())).toList());
        return scored;
    }

    private static LocalDate date(String field, String value) {
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
