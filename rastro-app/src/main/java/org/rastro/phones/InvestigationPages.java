package org.rastro.phones;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rastro.security.Account;
import org.rastro.system.RastroException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The investigator's case workspace: the investigations, one case's warrants and imports, and the link chart from
 * a weapon, a lot or a phone — drawn (graph, timeline, map of cell sectors) and, behind every picture, its table;
 * each link opens the records behind it. Every chart and every list of records states its purpose.
 */
@Controller
class InvestigationPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Investigations investigations;
    private final Warrants warrants;
    private final LinkChart chart;
    private final PhoneAnalyses analyses;
    private final CustodyNetwork network;
    private final org.springframework.context.MessageSource messages;

    InvestigationPages(
            org.springframework.context.MessageSource messages,
            Investigations investigations,
            Warrants warrants,
            LinkChart chart,
            PhoneAnalyses analyses,
            CustodyNetwork network) {
        this.investigations = investigations;
        this.warrants = warrants;
        this.chart = chart;
        this.analyses = analyses;
        this.network = network;
        this.messages = messages;
    }

    @GetMapping("/investigations")
    String list(Model view) {
        view.addAttribute("investigations", investigations.all());
        return "investigations/list";
    }

    @GetMapping("/investigations/{id}")
    String workspace(@PathVariable long id, Model view) {
        Investigations.Investigation inv = investigations.find(id);
        view.addAttribute("inv", inv);
        if (inv.destroyedAt() == null) {
            view.addAttribute("warrants", warrants.of(id));
            view.addAttribute("imports", investigations.imports(id));
        }
        view.addAttribute("recoveredLots", network.recoveredLots(20));
        return "investigations/workspace";
    }

    /** The link chart from a lot, a weapon or a phone, with the phones to expand and the period. */
    @GetMapping("/investigations/{id}/chart")
    String chart(
            @PathVariable long id,
            @RequestParam(required = false) Long lot,
            @RequestParam(required = false) Long weapon,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) List<String> expand,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam String purpose,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale) {
        Investigations.Investigation inv = investigations.find(id);
        view.addAttribute("inv", inv);
        view.addAttribute("purpose", purpose);
        List<String> expanded = expand == null ? new ArrayList<>() : new ArrayList<>(expand);
        view.addAttribute("expand", expanded);
        try {
            Instant since = day(from, false);
            Instant until = day(to, true);
            LinkChart.Seed seed = lot != null
                    ? new LinkChart.Seed.Lot(lot)
                    : weapon != null
                            ? new LinkChart.Seed.Weapon(weapon)
                            : new LinkChart.Seed.Phone(phone == null ? "" : phone);
            LinkChart.Chart built = chart.build(id, seed, expanded, since, until, purpose, account.id(), locale);
            view.addAttribute("chart", built);
            view.addAttribute("rows", rows(built, expanded, id, lot, weapon, phone, purpose, from, to));
            view.addAttribute("labelsJson", labels(locale));
            view.addAttribute("chartJson", JSON.writeValueAsString(built).replace("</", "<\\/"));
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
        }
        return "investigations/chart";
    }

    /** A link of the chart as its table shows it: ends by label, the records behind it, how to expand. */
    record Row(
            String from,
            LinkChart.EdgeKind kind,
            String to,
            String label,
            int records,
            String when,
            String a,
            String b,
            String expand) {}

    private static List<Row> rows(
            LinkChart.Chart chart,
            List<String> expanded,
            long id,
            Long lot,
            Long weapon,
            String phone,
            String purpose,
            String from,
            String to) {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        chart.nodes().forEach(n -> labels.put(n.id(), n.label()));
        List<Row> rows = new ArrayList<>();
        for (LinkChart.Edge e : chart.edges()) {
            String other = e.pair() == null ? null : e.pair().get(1);
            String expand = null;
            if (e.kind() == LinkChart.EdgeKind.CONTACT && other != null && !expanded.contains(other)) {
                var url = org.springframework.web.util.UriComponentsBuilder.fromPath("/investigations/" + id + "/chart")
                        .queryParamIfPresent("lot", java.util.Optional.ofNullable(lot))
                        .queryParamIfPresent("weapon", java.util.Optional.ofNullable(weapon))
                        .queryParamIfPresent("phone", java.util.Optional.ofNullable(phone))
                        .queryParam("purpose", purpose);
                for (String x : expanded) {
                    url.queryParam("expand", x);
                }
                url.queryParam("expand", other);
                url.queryParamIfPresent(
                        "from", java.util.Optional.ofNullable(from).filter(f -> !f.isBlank()));
                url.queryParamIfPresent("to", java.util.Optional.ofNullable(to).filter(f -> !f.isBlank()));
                expand = url.encode().build().toUriString();
            }
            String when = e.first() == null
                    ? ""
                    : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                            .format(e.first().atZone(PhoneAnalyses.LOCAL));
            rows.add(new Row(
                    labels.get(e.source()),
                    e.kind(),
                    labels.get(e.target()),
                    e.label(),
                    e.records(),
                    when,
                    e.pair() == null ? null : e.pair().get(0),
                    other,
                    expand));
        }
        return rows;
    }

    /** The words the chart's script shows, in the reader's language. */
    private String labels(Locale locale) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (LinkChart.NodeKind k : LinkChart.NodeKind.values()) {
            out.put("node." + k.name(), messages.getMessage("inv.node." + k.name(), null, locale));
        }
        for (LinkChart.EdgeKind k : LinkChart.EdgeKind.values()) {
            out.put("edge." + k.name(), messages.getMessage("inv.edge." + k.name(), null, locale));
        }
        return JSON.writeValueAsString(out).replace("</", "<\\/");
    }

    /** The records behind a link between two phones. */
    @GetMapping("/investigations/{id}/phones/records")
    String records(
            @PathVariable long id,
            @RequestParam String a,
            @RequestParam String b,
            @RequestParam String purpose,
            @AuthenticationPrincipal Account account,
            Model view,
            Locale locale) {
        view.addAttribute("inv", investigations.find(id));
        view.addAttribute("a", a);
        view.addAttribute("b", b);
        try {
            view.addAttribute("records", analyses.between(id, a, b, purpose, account.id()));
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
        }
        return "investigations/records";
    }

    private static Instant day(String date, boolean end) {
        if (date == null || date.isBlank()) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(date.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw Investigations.TEXTS.invalid("query.period");
        }
        return (end ? d.plusDays(1) : d).atStartOfDay(PhoneAnalyses.LOCAL).toInstant();
    }
}
