package org.rastro.home;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rastro.counting.Discrepancies;
import org.rastro.counting.Reconciliation;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyStatus;
import org.rastro.registry.OrganisationKind;
import org.rastro.security.Role;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;
import org.rastro.tracing.Confidence;
import org.rastro.tracing.Diversion;
import org.rastro.tracing.TraceOutcome;

/**
 * Every role's main pages, as a Spanish reader sees them in a real browser, at 1366, 768 and 390 px: no
 * sideways scrolling on a tablet or a phone, no English words and no
 * upper-case codes of the domain's vocabularies (custody kinds and states, roles, organisation kinds,
 * outcomes, diversions, count findings, ordnance and weapon types, units of issue) anywhere in the text a
 * person reads. Data people typed (names, notes) is theirs; what Rastro writes is Spanish.
 */
class SpanishOnlyBrowserTest extends IntegrationTest {

    /** Words that are English and not Spanish, as Rastro's own texts would use them. */
    private static final Set<String> ENGLISH = Set.of(
            "the",
            "and",
            "with",
            "was",
            "were",
            "weapon",
            "weapons",
            "reported",
            "recovered",
            "missing",
            "stolen",
            "lost",
            "count",
            "counted",
            "holder",
            "search",
            "trace",
            "traces",
            "risk",
            "loss",
            "losses",
            "alert",
            "alerts",
            "event",
            "events",
            "signed",
            "found",
            "units",
            "lots",
            "none",
            "page",
            "next",
            "previous",
            "download",
            "approve",
            "request",
            "session",
            "after",
            "before",
            "received",
            "issued",
            "held",
            "transit",
            "unknown",
            "submit",
            "save",
            "delete",
            "from",
            "status",
            "date");

    private static Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        Stream.of(
                        CustodyKind.values(),
                        CustodyStatus.values(),
                        Role.values(),
                        OrganisationKind.values(),
                        Reconciliation.Kind.values(),
                        Discrepancies.Resolution.values(),
                        TraceOutcome.values(),
                        Diversion.values(),
                        Confidence.values())
                .flatMap(Stream::of)
                .map(Enum::name)
                .forEach(codes::add);
        return codes;
    }

    @Test
    void everyRolesMainPagesReadInSpanishWithoutEnglishOrCodesAndFitATabletAndAPhone() {
        Set<String> codes = new TreeSet<>(codes());
        codes.addAll(jdbc.sql("select code from ordnance_type union select unit_of_issue from ordnance_type"
                        + " union select code::text from weapon_type union select code::text from legal_category")
                .query(String.class)
                .list());
        Map<String, List<String>> pages = pages();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, List<String>> role : pages.entrySet()) {
            Page page = RealBrowser.signedIn(port, role.getKey(), api().password(role.getKey()));
            for (String path : role.getValue()) {
                page.navigate(path);
                page.waitForLoadState();
                String text = (String) page.evaluate("() => document.body.innerText");
                // The same page on a phone and a tablet: nothing wider than the screen.
                for (int width : new int[] {390, 768}) {
                    page.setViewportSize(width, 900);
                    Object wide = page.evaluate("() => document.documentElement.scrollWidth");
                    if (((Number) wide).intValue() > width) {
                        Object culprits = page.evaluate("""
                                () => [...document.querySelectorAll('body *')]
                                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                                    .map(e => e.tagName + '#' + e.id + '.' + e.className).slice(-3).join(' ')""");
                        found.add(role.getKey() + " " + path + ": " + wide + " px wide at " + width + " px (" + culprits
                                + ")");
                    }
                }
                page.setViewportSize(1366, 900);
                for (String word : words(text)) {
                    if (codes.contains(word) && word.length() > 1) {
                        found.add(role.getKey() + " " + path + ": code " + word);
                    } else if (ENGLISH.contains(word.toLowerCase(java.util.Locale.ROOT))
                            && !word.equals(word.toUpperCase(java.util.Locale.ROOT))) {
                        found.add(role.getKey() + " " + path + ": English \"" + word + "\" in «" + around(text, word)
                                + "»");
                    }
                }
            }
            page.context().close();
        }
        assertThat(found).isEmpty();
    }

    private Map<String, List<String>> pages() {
        long weapon = jdbc.sql("""
                select weapon_id from custody_event where weapon_id is not null and kind = 'LOSS_REPORT' order by id limit 1
                """).query(Long.class).single();
        String licence = jdbc.sql("select number from licence order by id limit 1")
                .query(String.class)
                .single();
        long trace = jdbc.sql("select id from trace where result is not null order by id desc limit 1")
                .query(Long.class)
                .single();
        Long count = jdbc.sql("select id from count_session where status = 'CLOSED' order by id desc limit 1")
                .query(Long.class)
                .optional()
                .orElse(null);
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put(
                "registro",
                List.of(
                        "/",
                        "/registry/search?serial=FX",
                        "/registry/weapons/" + weapon,
                        "/registry/organisations",
                        "/registry/organisations/ZM-22",
                        "/registry/licences/" + licence,
                        "/audit/ledger",
                        "/alerts"));
        pages.put("armeria", List.of("/", "/registry/organisations/ARM-ZM-22", "/counts"));
        pages.put("comandante", List.of("/", "/accountability", "/accountability/units/BI-89", "/counts"));
        List<String> inspector = new ArrayList<>(List.of("/", "/accountability", "/alerts", "/counts", "/exports"));
        if (count != null) {
            inspector.add("/counts/" + count);
        }
        pages.put("inspector", inspector);
        pages.put(
                "analista",
                List.of(
                        "/",
                        "/tracing",
                        "/tracing/" + trace,
                        "/crafted",
                        "/comparisons",
                        "/dashboards",
                        "/dashboards/recoveries",
                        "/exports"));
        long investigation = jdbc.sql("select id from investigation where number = 'FGR/MEX/2026/0417'")
                .query(Long.class)
                .single();
        long lot = jdbc.sql("""
                select e.lot_id from custody_event e join ordnance_lot l on l.id = e.lot_id
                 where e.kind = 'ISSUE' and l.ordnance_type = 'HAND_GRENADE_FRAG' order by e.id limit 1
                """).query(Long.class).single();
        pages.put(
                "investigador",
                List.of(
                        "/",
                        "/tracing",
                        "/audit/ledger",
                        "/investigations",
                        "/investigations/" + investigation,
                        "/investigations/" + investigation + "/chart?lot=" + lot
                                + "&purpose=Carpeta+FGR%2FMEX%2F2026%2F0417"));
        pages.put("auditor", List.of("/", "/audit/ledger", "/audit/access", "/exports", "/accountability"));
        pages.put("socio", List.of("/", "/partner"));
        pages.put("admin", List.of("/", "/admin/accounts", "/alerts", "/comparisons"));
        return pages;
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}_]+(?:'[\\p{L}]+)?");

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static String around(String text, String word) {
        int at = text.indexOf(word);
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + word.length() + 40))
                .replace('\n', ' ');
    }
}
