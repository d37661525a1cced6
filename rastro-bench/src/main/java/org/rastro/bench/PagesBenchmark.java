package org.rastro.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page loads of the main paths on a running demo server, as each role sees them: every page is
 * fetched signed in, {@code --runs} times after two warm-ups, one request at a time, and the time to
 * the last byte of the HTML is reported (median and worst) in Spanish and in English. On localhost
 * that is the server's time to build the page; the browser's own rendering and the scripts' data
 * (map base layer) are not in it.
 *
 * <pre>java -jar rastro-bench.jar pages --url http://localhost:8080 --credentials rastro-data/demo-credentials.txt [--runs 20]</pre>
 */
final class PagesBenchmark {

    private PagesBenchmark() {}

    /** The main path of each role: the pages it opens. {id} pages are filled from the demo. */
    private static final Map<String, List<String>> PATHS = new LinkedHashMap<>();

    static {
        PATHS.put(
                "armeria",
                List.of(
                        "/",
                        "/registry/search?serial={serial}",
                        "/registry/weapons/{weapon}",
                        "/counts",
                        "/registry/organisations/ARM-ZM-22"));
        PATHS.put(
                "analista",
                List.of("/", "/tracing", "/tracing/{trace}", "/dashboards", "/dashboards/recoveries?state=16"));
        PATHS.put(
                "inspector", List.of("/", "/accountability", "/accountability/units/BI-173", "/dashboards", "/alerts"));
        PATHS.put("auditor", List.of("/", "/audit/ledger", "/audit/ledger?event=1", "/dashboards"));
    }

    static void run(String[] args) throws Exception {
        String url = "http://localhost:8080";
        Path credentials = Path.of("rastro-data/demo-credentials.txt");
        int runs = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1].replaceAll("/+$", "");
                case "--credentials" -> credentials = Path.of(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> passwords = DemoCredentials.read(credentials);
        System.out.printf(
                Locale.ROOT,
                "Rastro page loads at %s, %d runs per page after 2 warm-ups, JDK %s, %d cores%n",
                url,
                runs,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT, "%-10s %-40s %4s %9s %9s %9s%n", "role", "page", "lang", "median ms", "max ms", "KB");
        List<Double> all = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (var role : PATHS.entrySet()) {
            Session s = Session.signIn(
                    url, role.getKey(), passwords.get(role.getKey()), DemoCredentials.code(credentials, role.getKey()));
            if (ids.isEmpty()) {
                // Ids from the demo's own pages: a weapon from a search, a trace from the tracing list.
                String found = s.get("/registry/search?serial=FX").body();
                ids.put("weapon", first(found, "/registry/weapons/(\\d+)"));
                ids.put("serial", first(found, "/registry/weapons/\\d+\" class=\"serial\">([^<]+)<"));
            }
            for (String template : role.getValue()) {
                String path = fill(template, ids, s);
                for (String lang : List.of("es", "en")) {
                    String withLang = path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
                    s.get(withLang);
                    s.get(withLang);
                    List<Double> ms = new ArrayList<>();
                    int bytes = 0;
                    for (int r = 0; r < runs; r++) {
                        long t = System.nanoTime();
                        HttpResponse<String> page = s.get(withLang);
                        ms.add((System.nanoTime() - t) / 1e6);
                        if (page.statusCode() != 200) {
                            throw new IllegalStateException(
                                    role.getKey() + " GET " + withLang + " answered " + page.statusCode());
                        }
                        bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
                    }
                    Collections.sort(ms);
                    all.addAll(ms);
                    System.out.printf(
                            Locale.ROOT,
                            "%-10s %-40s %4s %9.1f %9.1f %9.1f%n",
                            role.getKey(),
                            path,
                            lang,
                            ms.get(ms.size() / 2),
                            ms.getLast(),
                            bytes / 1024.0);
                }
            }
            s.get("/?lang=es");
        }
        Collections.sort(all);
        System.out.printf(
                Locale.ROOT,
                "all pages: median %.1f ms, p95 %.1f ms, max %.1f ms (%d loads)%n",
                all.get(all.size() / 2),
                all.get((int) (all.size() * 0.95)),
                all.getLast(),
                all.size());
    }

    private static String fill(String template, Map<String, String> ids, Session s) throws Exception {
        if (template.contains("{trace}")) {
            ids.computeIfAbsent("trace", k -> first(s.getUnchecked("/tracing").body(), "/tracing/(\\d+)"));
        }
        String path = template;
        for (var id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        return path;
    }

    private static String first(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in the demo's page");
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    /** A signed-in browser session over HTTP: form login with its CSRF token, cookies kept. */
    private record Session(HttpClient http, String base) {

        static Session signIn(String base, String user, String password, String code) throws Exception {
            if (password == null) {
                throw new IllegalArgumentException("no password for " + user + " in the credentials file");
            }
            Session s = new Session(
                    HttpClient.newBuilder()
                            .cookieHandler(new CookieManager())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build(),
                    base);
            String login = s.get("/login").body();
            String csrf = first(login, "name=\"_csrf\" value=\"([^\"]+)\"");
            HttpResponse<String> posted = s.http.send(
                    HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password="
                                    + enc(password) + "&code=" + enc(code) + "&_csrf=" + enc(csrf)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 302
                    || posted.headers().firstValue("Location").orElse("").contains("error")) {
                throw new IllegalStateException("sign-in as " + user + " failed");
            }
            return s;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> getUnchecked(String path) {
            try {
                return get(path);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
