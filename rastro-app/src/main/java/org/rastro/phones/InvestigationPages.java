package org.rastro.phones;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rastro.exports.ApprovalRedirect;
import org.rastro.exports.ExportApprovals;
import org.rastro.security.Account;
import org.rastro.security.AuditTrail;
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
    private final ExportApprovals exports;
    private final ChartExport export;
    private final org.springframework.context.MessageSource messages;

    InvestigationPages(
            org.springframework.context.MessageSource messages,
            Investigations investigations,
            Warrants warrants,
            LinkChart chart,
            PhoneAnalyses analyses,
            CustodyNetwork network,
            ExportApprovals exports,
            ChartExport export) {
        this.investigations = investigations;
        this.warrants = warrants;
        this.chart = chart;
        this.analyses = analyses;
        this.network = network;
        this.exports = exports;
        this.export = export;
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
        ChartQuery query = new ChartQuery(id, lot, weapon, phone, expand, from, to, purpose);
        view.addAttribute("inv", investigations.find(id));
        view.addAttribute("purpose", purpose);
        view.addAttribute("expand", query.expand());
        view.addAttribute("exportQuery", query.parameters(true));
        try {
            LinkChart.Chart built = build(query, account, locale);
            view.addAttribute("chart", built);
            view.addAttribute("rows", rows(built, query));
            view.addAttribute("chartJson", JSON.writeValueAsString(built).replace("</", "<\\/"));
            view.addAttribute("labelsJson", labels(locale));
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
        }
        return "investigations/chart";
    }

    /**
     * What the chart shows, for the court file, as CSV or PDF: only with a second person's approval of exactly
     * this chart (one download an approval); without one, to the exports page to ask for it.
     */
    @GetMapping({"/investigations/chart.csv", "/investigations/chart.pdf"})
    void export(
            @RequestParam long investigation,
            @RequestParam(required = false) Long lot,
            @RequestParam(required = false) Long weapon,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) List<String> expand,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam String purpose,
            @AuthenticationPrincipal Account account,
            HttpServletRequest http,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        ChartQuery query = new ChartQuery(investigation, lot, weapon, phone, expand, from, to, purpose);
        String parameters = query.parameters(true);
        if (!exports.consume(ExportApprovals.Kind.PHONE_CHART, parameters, account)) {
            ApprovalRedirect.send(response, ExportApprovals.Kind.PHONE_CHART, parameters, null);
            return;
        }
        LinkChart.Chart chart = build(query, account, locale);
        boolean pdf = http.getRequestURI().endsWith(".pdf");
        byte[] body = pdf
                ? this.export.pdf(investigations.find(investigation), chart, purpose, locale)
                : this.export.csv(chart, locale);
        AuditTrail.about(http, "investigation:" + investigation + " chart:" + (pdf ? "pdf" : "csv"));
        response.setContentType(pdf ? "application/pdf" : "text/csv; charset=UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"vinculos-" + investigation + (pdf ? ".pdf\"" : ".csv\""));
        response.getOutputStream().write(body);
    }

    private LinkChart.Chart build(ChartQuery q, Account account, Locale locale) {
        return chart.build(
                q.investigation(), q.seed(), q.expand(), q.since(), q.until(), q.purpose(), account.id(), locale);
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

    private static List<Row> rows(LinkChart.Chart chart, ChartQuery query) {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        chart.nodes().forEach(n -> labels.put(n.id(), n.label()));
        List<Row> rows = new ArrayList<>();
        for (LinkChart.Edge e : chart.edges()) {
            String other = e.pair() == null ? null : e.pair().get(1);
            boolean expandable = e.kind() == LinkChart.EdgeKind.CONTACT
                    && other != null
                    && !query.expand().contains(other);
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
                    expandable ? query.expanding(other) : null));
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
}
