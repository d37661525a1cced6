package org.rastro.dashboards;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.rastro.accountability.LossTable;
import org.rastro.exports.ApprovalRedirect;
import org.rastro.exports.ExportApprovals;
import org.rastro.security.AccessMatrix;
import org.rastro.security.Account;
import org.rastro.security.ReadGuard;
import org.rastro.security.Role;
import org.rastro.system.CsvOut;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.TextBundle;
import org.rastro.tracing.Diversion;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboards: a map of Mexico with recoveries by state (and a state's municipalities when it is
 * selected), charts of origin, type, calibre, month, diversion and intervals, the context layer of
 * firearm victims, and losses by unit and zone. Roles that read traces see the figures and click
 * through to the recoveries; every other role sees aggregates with small counts suppressed.
 */
@Controller
class DashboardPages {

    private static final TextBundle TEXTS = TextBundle.of("dashboards");

    /** Roles that see exact figures and the recoveries behind them. */
    static final Set<Role> DETAIL = AccessMatrix.DASHBOARD_DETAIL;

    /** Roles that see losses by unit and zone (those who read the national loss table). */
    static final Set<Role> LOSSES = Set.of(Role.INSPECTOR, Role.UNIT_COMMANDER, Role.AUDITOR);

    /** Kinds of diversion a trace names (the filter's choices). */
    static final List<String> DIVERSIONS =
            Arrays.stream(Diversion.values()).map(Enum::name).toList();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecoveryStats stats;
    private final LossTable losses;
    private final Geography geography;
    private final MessageSource messages;

    private final ReadGuard reads;
    private final ExportApprovals exports;

    DashboardPages(
            RecoveryStats stats,
            LossTable losses,
            Geography geography,
            MessageSource messages,
            ReadGuard reads,
            ExportApprovals exports) {
        this.reads = reads;
        this.exports = exports;
        this.stats = stats;
        this.losses = losses;
        this.geography = geography;
        this.messages = messages;
    }

    /** The filter as the form and the links send it (request parameters, all optional). */
    record Asked(String from, String to, String type, String country, String diversion) {
        RecoveryStats.Filter filter(String state) {
            return new RecoveryStats.Filter(date(from), date(to), type, country, diversion, state);
        }
    }

    @GetMapping("/dashboards")
    String dashboards(Asked asked, @AuthenticationPrincipal Account account, Model view, Locale locale) {
        boolean detail = DETAIL.contains(account.role());
        RecoveryStats.Summary summary;
        RecoveryStats.Filter filter = RecoveryStats.Filter.ALL;
        try {
            filter = asked.filter(null);
            summary = stats.summary(filter);
        } catch (RastroException e) {
            // The form keeps what was typed (the page reads the request's parameters) and says what is wrong.
            view.addAttribute("error", e.text().in(locale));
            summary = stats.summary(RecoveryStats.Filter.ALL);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("detail", detail);
        data.put("total", summary.total());
        data.put("identified", summary.identified());
        data.put("byState", cells(summary.byState(), detail));
        String unknown = messages.getMessage("dash.unknown", null, locale);
        Map<String, String> types = stats.typeNames(locale);
        data.put(
                "byCountry",
                cells(
                        relabel(
                                summary.byCountry(),
                                code -> code.equals("??")
                                        ? unknown
                                        : Locale.of("", code).getDisplayCountry(locale)),
                        detail));
        data.put("byType", cells(relabel(summary.byType(), code -> types.getOrDefault(code, unknown)), detail));
        data.put(
                "byCalibre",
                cells(
                        relabel(
                                summary.byCalibre().stream().limit(12).toList(),
                                code -> code.equals("??") ? unknown : code),
                        detail));
        data.put("byMonth", cells(summary.byMonth(), detail));
        data.put(
                "byDiversion",
                cells(
                        relabel(
                                summary.byDiversion(),
                                code -> messages.getMessage("report.diversion." + code, null, unknown, locale)),
                        detail));
        data.put("intervals", summary.intervals());
        RecoveryStats.Victims victims = stats.victims();
        data.put("victimsYear", victims.year());
        data.put("victims", victims.byState());
        if (LOSSES.contains(account.role())) {
            data.put("losses", lossFigures(filter));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : List.of("recoveries", "victims", "lost", "fewer", "fromIssue", "fromLossReport")) {
            labels.put(key, messages.getMessage("dash." + key, null, locale));
        }
        for (RecoveryStats.Interval i : summary.intervals()) {
            labels.put("bucket." + i.bucket(), messages.getMessage("dash.bucket." + i.bucket(), null, locale));
        }
        data.put("labels", labels);
        view.addAttribute("data", data);
        view.addAttribute("dataJson", JSON.writeValueAsString(data).replace("</", "<\\/"));
        view.addAttribute("detail", detail);
        view.addAttribute("filterQuery", query(filter));
        view.addAttribute(
                "statesWithRecoveries",
                summary.byState().stream().filter(c -> c.n() > 0).count());
        long usMade = summary.byCountry().stream()
                .filter(c -> c.key().equals("US"))
                .mapToLong(RecoveryStats.Count::n)
                .sum();
        view.addAttribute("usShare", summary.total() == 0 ? null : (double) usMade / summary.total());
        view.addAttribute("types", types);
        view.addAttribute(
                "countries",
                summary.byCountry().stream()
                        .map(RecoveryStats.Count::key)
                        .filter(k -> !k.equals("??"))
                        .sorted()
                        .map(k -> Map.entry(k, Locale.of("", k).getDisplayCountry(locale)))
                        .toList());
        view.addAttribute("diversions", DIVERSIONS);
        return "dashboards/dashboards";
    }

    /** The state's municipalities with their recoveries (the map's second level). */
    @GetMapping(value = "/dashboards/states/{state}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> state(@PathVariable String state, Asked asked, @AuthenticationPrincipal Account account) {
        RecoveryStats.Filter filter = asked.filter(state);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("geo", geography.municipalities(filter.state()));
        out.put("byMunicipality", cells(stats.byMunicipality(filter), DETAIL.contains(account.role())));
        return out;
    }

    @GetMapping(value = "/dashboards/geo/states.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> states() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                .body(geography.states());
    }

    /** The recoveries behind a figure, a page at a time, with the trace of each (roles that read traces only). */
    @GetMapping("/dashboards/recoveries")
    String recoveries(
            Asked asked,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String municipality,
            @RequestParam(defaultValue = "1") int page,
            Model view,
            Locale locale) {
        RecoveryStats.Page result;
        try {
            RecoveryStats.Filter filter = asked.filter(state);
            result = stats.list(filter, blank(municipality), page, 50);
            view.addAttribute(
                    "filterQuery",
                    query(filter)
                            + (blank(municipality) == null
                                    ? ""
                                    : "&municipality="
                                            + URLEncoder.encode(municipality.strip(), StandardCharsets.UTF_8)));
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
            result = new RecoveryStats.Page(List.of(), 0, 1, 50);
            view.addAttribute("filterQuery", "");
        }
        // The rows of a page are traces handed out: the read guard tallies them like the CSV's (and a
        // block is a refusal, not a message on the page).
        reads.read(
                ReadGuard.Kind.TRACE,
                result.lines().stream().map(RecoveryStats.Line::id).toList());
        view.addAttribute("result", result);
        return "dashboards/recoveries";
    }

    /**
     * The recoveries behind a figure as CSV. The approval is checked first, on the count alone (a bulk
     * export leaves only with a second person's approval, one download per approval); then the file is
     * streamed a page at a time, each page tallied by the read guard before it is written.
     */
    @GetMapping(value = "/dashboards/recoveries.csv", produces = "text/csv")
    void recoveriesCsv(
            Asked asked,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String municipality,
            @AuthenticationPrincipal Account account,
            HttpServletResponse response)
            throws IOException {
        RecoveryStats.Filter filter = asked.filter(state);
        String parameters = query(filter)
                + (blank(municipality) == null
                        ? ""
                        : "&municipality=" + URLEncoder.encode(municipality.strip(), StandardCharsets.UTF_8));
        long rows = stats.list(filter, blank(municipality), 1, 1).total();
        if (exports.needsApproval((int) Math.min(rows, Integer.MAX_VALUE))
                && !exports.consume(ExportApprovals.Kind.RECOVERIES_CSV, parameters, account)) {
            ApprovalRedirect.send(response, ExportApprovals.Kind.RECOVERIES_CSV, parameters, rows);
            return;
        }
        response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"recuperaciones.csv\"");
        try (CsvOut csv = CsvOut.to(response.getWriter())) {
            csv.row(
                    "trace",
                    "case_number",
                    "recovered_on",
                    "state",
                    "municipality",
                    "weapon_type",
                    "country",
                    "calibre",
                    "diversion",
                    "serial_as_read");
            for (int page = 1; ; page++) {
                RecoveryStats.Page p = stats.list(filter, blank(municipality), page, 500);
                // Tallied before it leaves: a page that crosses the block threshold is not written.
                reads.read(
                        ReadGuard.Kind.TRACE,
                        p.lines().stream().map(RecoveryStats.Line::id).toList());
                for (RecoveryStats.Line l : p.lines()) {
                    csv.row(
                            String.valueOf(l.id()),
                            l.caseNumber(),
                            l.recoveredOn().toString(),
                            nz(l.state()),
                            nz(l.municipality()),
                            nz(l.weaponType()),
                            nz(l.country()),
                            nz(l.calibre()),
                            nz(l.diversion()),
                            l.serialAsRead());
                }
                if (page >= p.pages()) {
                    break;
                }
            }
        }
    }

    /** Losses by unit (the ten with most) and by zone, over the same period and weapon type. */
    private Map<String, Object> lossFigures(RecoveryStats.Filter filter) {
        List<LossTable.Row> rows =
                losses.rows(new LossTable.Filter(filter.from(), filter.to(), filter.weaponType(), null, null), "lost");
        List<Map<String, Object>> units = rows.stream()
                .filter(r -> r.lost() > 0)
                .limit(10)
                .map(r -> Map.<String, Object>of(
                        "key", r.holder(), "lost", r.lost(), "weapons", r.weapons(), "rate", r.rate()))
                .toList();
        Map<String, long[]> zones = new TreeMap<>();
        for (LossTable.Row r : rows) {
            long[] z = zones.computeIfAbsent(r.zone() == null ? "—" : r.zone(), k -> new long[2]);
            z[0] += r.lost();
            z[1] += r.weapons();
        }
        List<Map<String, Object>> byZone = new ArrayList<>();
        zones.forEach((zone, z) -> byZone.add(
                Map.of("key", zone, "lost", z[0], "weapons", z[1], "rate", z[1] == 0 ? 0.0 : (double) z[0] / z[1])));
        byZone.sort(Comparator.comparing((Map<String, Object> m) -> (Long) m.get("lost"))
                .reversed());
        return Map.of(
                "byUnit",
                units,
                "byZone",
                byZone.stream().filter(m -> (Long) m.get("lost") > 0).limit(15).toList());
    }

    /** Figures as the role may see them: exact, or with counts under {@link Suppression#THRESHOLD} hidden. */
    private static List<Suppression.Cell> cells(List<RecoveryStats.Count> counts, boolean detail) {
        return detail ? Suppression.none(counts) : Suppression.apply(counts);
    }

    private static List<RecoveryStats.Count> relabel(List<RecoveryStats.Count> counts, UnaryOperator<String> name) {
        return counts.stream()
                .map(c -> new RecoveryStats.Count(c.key(), name.apply(c.key()), c.n()))
                .toList();
    }

    private static String query(RecoveryStats.Filter f) {
        StringBuilder q = new StringBuilder();
        append(q, "from", f.from());
        append(q, "to", f.to());
        append(q, "type", f.weaponType());
        append(q, "country", f.country());
        append(q, "diversion", f.diversion());
        // The state too: the list, its pages, its CSV and an export request keep the filter they were asked with.
        append(q, "state", f.state());
        return q.toString();
    }

    private static void append(StringBuilder q, String name, Object value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new RastroException(ErrorCode.INVALID_INPUT, TEXTS.text("filter.date", s));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
