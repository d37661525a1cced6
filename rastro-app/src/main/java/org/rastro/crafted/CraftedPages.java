package org.rastro.crafted;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rastro.security.Account;
import org.rastro.system.RastroException;
import org.rastro.tracing.IntakeChoices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analyst's pages on untraceable weapons: the series (each with its members, designs, first and last
 * recovery, states and a map) and one weapon — its description in words, its commercial parts' traces, the
 * links proposed with the evidence behind each, and the examiner's decision.
 */
@Controller
class CraftedPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One recorded weapon as a row. */
    record Row(
            long id,
            String caseNumber,
            LocalDate recoveredOn,
            String family,
            String place,
            Double latitude,
            Double longitude) {}

    /** A series: its members and what they have in common. */
    record SeriesView(
            String name, List<Row> members, int size, String families, LocalDate first, LocalDate last, String states) {
        /** The members not shown in the list. */
        public int more() {
            return size - members.size();
        }
    }

    /** A proposed link, worded. */
    record LinkView(
            long other, String otherCase, String score, List<String> evidence, String decision, boolean holds) {}

    /** A vocabulary value as a form offers it. */
    record Option(String code, String label) {}

    private final CraftedWeapons weapons;
    private final CraftedSeries seriesStore;
    private final JdbcClient jdbc;
    private final IntakeChoices choices;

    CraftedPages(CraftedWeapons weapons, CraftedSeries seriesStore, JdbcClient jdbc, IntakeChoices choices) {
        this.weapons = weapons;
        this.seriesStore = seriesStore;
        this.jdbc = jdbc;
        this.choices = choices;
    }

    /** The intake form: the recovery as for a trace, and the examiner's description. */
    @GetMapping("/crafted/new")
    String form(Model view, Locale locale) {
        choices.addTo(view);
        view.addAttribute("categories", options("category", CraftCategory.values(), locale));
        view.addAttribute("families", options("family", DesignFamily.values(), locale));
        view.addAttribute("polymers", options("polymer", Polymer.values(), locale));
        view.addAttribute("toolMarks", options("toolMark", ToolMark.values(), locale));
        view.addAttribute("barrels", options("barrel", BarrelType.values(), locale));
        view.addAttribute("certainties", options("certainty", Certainty.values(), locale));
        return "crafted/new";
    }

    private static List<Option> options(String vocabulary, Enum<?>[] values, Locale locale) {
        return java.util.Arrays.stream(values)
                .map(v -> new Option(
                        v.name(), EvidenceWords.label(vocabulary, v.name()).in(locale)))
                .toList();
    }

    /**
     * The form, read into the same request the API takes (one set of checks for both); on a mistake the form
     * comes back with what was typed and the refusal in words.
     */
    @PostMapping("/crafted")
    String record(
            @RequestParam org.springframework.util.MultiValueMap<String, String> form,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Model view,
            Locale locale) {
        try {
            CraftedWeapons.Recorded recorded =
                    weapons.record(CraftedRequest.parse(CraftedForm.toJson(form)), account.id());
            redirect.addFlashAttribute("recorded", recorded.id());
            return "redirect:/crafted/" + recorded.id();
        } catch (RastroException e) {
            view.addAttribute("error", e.text().in(locale));
            return form(view, locale);
        }
    }

    /** How many series the list shows, and how many members of each: the rest are a click away. */
    private static final int SERIES_SHOWN = 50;

    private static final int MEMBERS_SHOWN = 30;

    @GetMapping("/crafted")
    String list(Model view, Locale locale) {
        List<CraftedSeries.Series> largest = seriesStore.largest(SERIES_SHOWN);
        Set<Long> ids = largest.stream()
                .flatMap(s -> s.members().stream().limit(MEMBERS_SHOWN))
                .map(CraftedSeries.Member::id)
                .collect(Collectors.toSet());
        Map<Long, Row> rows = rows(ids, locale);
        List<SeriesView> series = new ArrayList<>();
        for (CraftedSeries.Series s : largest) {
            List<Long> members =
                    s.members().stream().map(CraftedSeries.Member::id).toList();
            series.add(new SeriesView(
                    "S-" + s.id(),
                    members.stream().limit(MEMBERS_SHOWN).map(rows::get).toList(),
                    members.size(),
                    s.families().stream()
                            .map(f -> EvidenceWords.label("family", f.name()).in(locale))
                            .collect(Collectors.joining(", ")),
                    s.firstSeen(),
                    s.lastSeen(),
                    states(members)));
        }
        view.addAttribute("seriesCount", seriesStore.count());
        view.addAttribute("series", series);
        List<Long> recent = jdbc.sql("select id from crafted_weapon order by id desc limit 20")
                .query(Long.class)
                .list();
        Map<Long, Row> recentRows = rows(new LinkedHashSet<>(recent), locale);
        view.addAttribute("recent", recent.stream().map(recentRows::get).toList());
        return "crafted/list";
    }

    @GetMapping("/crafted/{id}")
    String weapon(@PathVariable long id, Model view, Locale locale) {
        if (!weapons.exists(id)) {
            throw RastroException.notFound("crafted weapon", id);
        }
        CraftedDescription d = JSON.readValue(
                jdbc.sql("select description::text from crafted_weapon where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single(),
                CraftedDescription.class);
        Row row = rows(Set.of(id), locale).get(id);
        view.addAttribute("weapon", row);
        view.addAttribute(
                "category", EvidenceWords.label("category", d.category().name()).in(locale));
        view.addAttribute("description", words(d, locale));
        record PartView(String kind, String make, String serial, Long traceId) {}
        view.addAttribute(
                "parts", jdbc.sql("""
                select kind, make, serial, trace_id from crafted_part where crafted_id = :id order by position
                """).param("id", id).query(PartView.class).list());
        List<LinkView> links = new ArrayList<>();
        for (CraftedWeapons.ProposedLink l : weapons.links(id)) {
            boolean holds = "CONFIRMED".equals(l.decision())
                    || (l.score() >= LinkModel.SERIES_THRESHOLD && !"REJECTED".equals(l.decision()));
            links.add(new LinkView(
                    l.other(),
                    l.otherCase(),
                    String.format(locale, "%.2f", l.score()),
                    l.evidence().stream()
                            .map(e -> EvidenceWords.of(e).in(locale))
                            .toList(),
                    l.decision() == null
                            ? null
                            : CraftedRequest.TEXTS
                                    .text("decision." + l.decision())
                                    .in(locale),
                    holds));
        }
        view.addAttribute("links", links);
        List<Long> whole = weapons.series(id);
        // A workshop's series may hold thousands: the page lists the first hundred, the count says the rest.
        List<Long> series = whole.stream().limit(100).toList();
        view.addAttribute("seriesMore", whole.size() - series.size());
        view.addAttribute("seriesName", "S-" + whole.getFirst());
        Map<Long, Row> members = rows(new LinkedHashSet<>(series), locale);
        view.addAttribute("series", series.stream().map(members::get).toList());
        view.addAttribute("seriesThreshold", String.format(locale, "%.2f", LinkModel.SERIES_THRESHOLD));
        // Inside a script element: no "</" may close it early.
        view.addAttribute(
                "mapJson",
                JSON.writeValueAsString(series.stream()
                                .map(members::get)
                                .filter(r -> r.latitude() != null)
                                .map(r -> Map.of(
                                        "id",
                                        r.id(),
                                        "lat",
                                        r.latitude(),
                                        "lon",
                                        r.longitude(),
                                        "label",
                                        "#" + r.id() + " · " + r.place() + " · " + r.recoveredOn()))
                                .toList())
                        .replace("</", "<\\/"));
        return "crafted/weapon";
    }

    /** An examiner confirms or rejects a link, with a reason; the page says what changed. */
    @PostMapping("/crafted/{id}/links/{other}")
    String decide(
            @PathVariable long id,
            @PathVariable long other,
            @RequestParam String decision,
            @RequestParam String reason,
            @AuthenticationPrincipal Account account,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            weapons.decide(id, other, decision, reason, account.id());
            redirect.addFlashAttribute("decided", other);
        } catch (RastroException e) {
            redirect.addFlashAttribute("error", e.text().in(locale));
        }
        return "redirect:/crafted/" + id;
    }

    /** The description as an examiner reads it: each recorded observation, named, with its certainty. */
    private static List<String> words(CraftedDescription d, Locale locale) {
        List<String> out = new ArrayList<>();
        out.add(EvidenceWords.label("family", d.family().name()).in(locale)
                + (d.calibre() == null ? "" : ", " + d.calibre())
                + (d.action() == null ? "" : ", " + d.action()));
        if (d.printed() != null) {
            CraftedDescription.Printed p = d.printed();
            List<String> printed = new ArrayList<>();
            if (p.polymer() != null) {
                printed.add(CraftedRequest.TEXTS.text("field.polymer").in(locale) + ": "
                        + EvidenceWords.label("polymer", p.polymer().name()).in(locale));
            }
            addField(printed, "colour", p.colour(), d, locale);
            addField(printed, "layerHeightMm", p.layerHeightMm(), d, locale);
            addField(printed, "infillPercent", p.infillPercent(), d, locale);
            addField(printed, "orientation", p.orientation(), d, locale);
            addField(printed, "seam", p.seam(), d, locale);
            if (!printed.isEmpty()) {
                out.add(String.join(" · ", printed));
            }
        }
        if (d.machined() != null) {
            List<String> machined = new ArrayList<>();
            d.machined().toolMarks().stream()
                    .sorted()
                    .forEach(m -> machined.add(
                            EvidenceWords.label("toolMark", m.name()).in(locale)));
            if (d.machined().barrel() != null) {
                machined.add(EvidenceWords.label("barrel", d.machined().barrel().name())
                        .in(locale));
            }
            if (!machined.isEmpty()) {
                out.add(String.join(" · ", machined));
            }
        }
        if (d.markings() != null && !d.markings().isBlank()) {
            out.add("«" + d.markings().strip() + "»");
        }
        if (!d.ballistic().isEmpty()) {
            out.add(String.join(", ", d.ballistic()));
        }
        return out;
    }

    private static void addField(List<String> out, String field, Object value, CraftedDescription d, Locale locale) {
        if (value == null) {
            return;
        }
        Certainty c = d.certaintyOf("printed." + field);
        out.add(CraftedRequest.TEXTS.text("field." + field).in(locale) + ": " + value
                + (c == Certainty.CERTAIN
                        ? ""
                        : " ("
                                + CraftedRequest.TEXTS
                                        .text("certainty." + c.name())
                                        .in(locale) + ")"));
    }

    private Map<Long, Row> rows(Set<Long> ids, Locale locale) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Row> rows = new java.util.HashMap<>();
        jdbc.sql("""
                select w.id, w.case_number, w.recovered_on, w.design_family,
                       coalesce(m.name || ', ' || s.name, '—') as place, w.latitude, w.longitude
                  from crafted_weapon w
                  left join municipality m on m.cvegeo = w.cvegeo
                  left join state s on s.cve_ent = m.cve_ent
                 where w.id = any(:ids)
                """)
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        EvidenceWords.label("family", rs.getString(4)).in(locale),
                        rs.getString(5),
                        rs.getObject(6, Double.class),
                        rs.getObject(7, Double.class)))
                .list()
                .forEach(r -> rows.put(r.id(), r));
        return rows;
    }

    private String states(List<Long> ids) {
        return String.join(
                ", ",
                jdbc.sql("""
                select distinct s.name from crafted_weapon w join municipality m on m.cvegeo = w.cvegeo
                  join state s on s.cve_ent = m.cve_ent where w.id = any(:ids) order by s.name
                """)
                        .param("ids", ids.toArray(Long[]::new))
                        .query(String.class)
                        .list());
    }
}
