package org.rastro.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The screenshots in {@code docs/screenshots}, taken from a running demo server in Debian's Chromium
 * (driven by Playwright with the system's Node.js; nothing is downloaded). Each role's key page, in
 * Spanish, and the dashboards in English; each at 1366 px wide and again at 390 px (a phone), as
 * {@code NAME.png} and {@code NAME-390.png}.
 *
 * <pre>java -jar rastro-bench.jar screenshots --url http://localhost:8080 --credentials rastro-data/demo-credentials.txt --out docs/screenshots</pre>
 */
final class Screenshots {

    private Screenshots() {}

    static void run(String[] args) throws Exception {
        String url = "http://localhost:8080";
        Path credentials = Path.of("rastro-data/demo-credentials.txt");
        Path out = Path.of("docs/screenshots");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1].replaceAll("/+$", "");
                case "--credentials" -> credentials = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> passwords = DemoCredentials.read(credentials);
        Files.createDirectories(out);
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of(
                                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD",
                                "1",
                                "PLAYWRIGHT_NODEJS_PATH",
                                executable("node", "nodejs").toString())));
                Browser browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(executable("chromium", "chromium-browser"))
                                .setHeadless(true)
                                .setArgs(List.of(
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-quic",
                                        "--no-first-run",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync")))) {
            Page login = page(browser, url);
            login.navigate("/login?lang=es");
            shot(login, out, "01-login.png");
            login.context().close();

            Page clerk = signIn(browser, url, "armeria", passwords, credentials);
            shot(clerk, out, "02-home-armeria.png");
            clerk.navigate("/registry/search?serial=FX");
            String weapon = first(clerk.content(), "/registry/weapons/(\\d+)");
            clerk.navigate("/registry/weapons/" + weapon);
            shot(clerk, out, "03-weapon-custody.png");
            clerk.navigate("/people");
            shot(clerk, out, "10-people.png");
            clerk.context().close();

            Page analyst = signIn(browser, url, "analista", passwords, credentials);
            analyst.navigate("/tracing");
            shot(analyst, out, "04-tracing.png");
            analyst.navigate("/tracing/" + first(analyst.content(), "/tracing/(\\d+)"));
            shot(analyst, out, "05-trace-report.png");
            analyst.navigate("/crafted");
            shot(analyst, out, "13-crafted-series.png");
            analyst.navigate("/crafted/" + first(analyst.content(), "/crafted/(\\d+)"));
            analyst.evaluate("() => document.getElementById('links').scrollIntoView()");
            shot(analyst, out, "14-crafted-weapon.png");
            analyst.navigate("/comparisons");
            shot(analyst, out, "15-comparisons.png");
            analyst.context().close();

            Page investigator = signIn(browser, url, "investigador", passwords, credentials);
            investigator.navigate("/investigations");
            investigator.navigate("/investigations/" + first(investigator.content(), "/investigations/(\\d+)"));
            shot(investigator, out, "17-investigation.png");
            investigator.locator("#from-lot input[name=purpose]").fill("Carpeta FGR/MEX/2026/0417");
            investigator.locator("#from-lot button").click();
            investigator.waitForSelector("#graph svg");
            investigator.waitForTimeout(3000); // the force layout settles
            shot(investigator, out, "18-link-chart.png");
            shot(investigator, out, "19-cells-map.png", "#cells");
            investigator.context().close();

            Page inspector = signIn(browser, url, "inspector", passwords, credentials);
            inspector.navigate("/accountability");
            shot(inspector, out, "06-accountability.png");
            inspector.navigate("/dashboards");
            inspector.waitForSelector("#dashboards[data-map-ready=true]");
            inspector.waitForTimeout(800);
            shot(inspector, out, "07-dashboards-map.png");
            inspector.navigate("/dashboards?lang=en");
            inspector.waitForSelector("#dashboards[data-map-ready=true]");
            inspector.waitForTimeout(800);
            inspector.evaluate("() => window.scrollTo(0, document.querySelector('.chart-grid').offsetTop - 10)");
            shot(inspector, out, "08-dashboards-charts-en.png");
            inspector.navigate("/?lang=es");
            inspector.context().close();

            Page auditor = signIn(browser, url, "auditor", passwords, credentials);
            auditor.navigate("/audit/ledger?event=1");
            shot(auditor, out, "09-ledger.png");
            auditor.navigate("/audit/ledger");
            auditor.evaluate("() => document.getElementById('witnesses').scrollIntoView()");
            shot(auditor, out, "12-witnesses.png");
            auditor.context().close();

            Page partner = signIn(browser, url, "socio", passwords, credentials);
            partner.navigate("/partner");
            shot(partner, out, "11-partner.png");
            partner.navigate("/comparisons");
            shot(partner, out, "16-comparisons-partner.png");
            partner.context().close();
        }
    }

    private static Page page(Browser browser, String url) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(url)
                .setLocale("es-MX")
                .setViewportSize(1366, 900));
        return context.newPage();
    }

    private static Page signIn(
            Browser browser, String url, String user, Map<String, String> passwords, Path credentials) {
        Page page = page(browser, url);
        page.navigate("/login?lang=es");
        page.locator("#username").fill(user);
        page.locator("#password").fill(passwords.get(user));
        try {
            page.locator("#code").fill(DemoCredentials.code(credentials, user));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot read the second factor of " + user, e);
        }
        page.locator("main form button[type=submit]").click();
        page.waitForURL(u -> !u.contains("/login"));
        return page;
    }

    /** The page as a desk screen shows it, then as a phone does (the layout reflows: no sideways scroll). */
    private static void shot(Page page, Path out, String name) {
        shot(page, out, name, null);
    }

    /** Both widths, each scrolled to {@code anchor} (a selector) when one is given: a resize keeps the offset only. */
    private static void shot(Page page, Path out, String name, String anchor) {
        scrollTo(page, anchor);
        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(name)));
        System.out.println("wrote " + out.resolve(name));
        page.setViewportSize(390, 844);
        page.waitForTimeout(300);
        scrollTo(page, anchor);
        String narrow = name.replace(".png", "-390.png");
        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(narrow)));
        System.out.println("wrote " + out.resolve(narrow));
        page.setViewportSize(1366, 900);
        page.waitForTimeout(300);
    }

    private static void scrollTo(Page page, String anchor) {
        if (anchor != null) {
            page.locator(anchor).scrollIntoViewIfNeeded();
            page.evaluate("a => document.querySelector(a).scrollIntoView()", anchor);
            page.waitForTimeout(1500);
        }
    }

    private static String first(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex);
        }
        return m.group(1);
    }

    private static Path executable(String... names) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException(names[0] + " not found on the PATH (Debian: apt-get install -y "
                                + (names[0].equals("node") ? "nodejs" : names[0]) + ")"));
    }
}
