package org.rastro.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven by Playwright for Java, one browser for the whole test run. Playwright
 * never downloads a browser or a Node.js here: the system's {@code chromium} and {@code node} are
 * used ({@code .ci/run} installs Chromium; a missing one fails the test with what to install).
 */
public final class RealBrowser {

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private static Browser browser;

    private RealBrowser() {}

    /** A fresh browser context (own cookies), Spanish unless the page asks otherwise, signed in as {@code username}. */
    public static Page signedIn(int port, String username, String password) {
        Page page = newPage(port);
        page.navigate("/login");
        page.getByLabel(Pattern.compile("Usuario|User")).fill(username);
        page.getByLabel(Pattern.compile("Contraseña|Password")).fill(password);
        page.getByLabel(Pattern.compile("Código de verificación|Verification code"))
                .fill(Otp.forDemo(username));
        page.locator("main form button[type=submit]").click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** A fresh context with the server as base URL. */
    public static synchronized Page newPage(int port) {
        BrowserContext context = browser()
                .newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://localhost:" + port)
                        .setLocale("es-MX")
                        .setViewportSize(1366, 900)
                        .setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        // A browser that has chosen Spanish, whatever language another test left the account in.
        context.addCookies(List.of(new Cookie("rastro-lang", "es-MX").setUrl("http://localhost:" + port + "/")));
        return context.newPage();
    }

    private static Browser browser() {
        if (browser == null) {
            Path chromium = executable("RASTRO_CHROMIUM", "chromium", "chromium-browser");
            Path node = executable("PLAYWRIGHT_NODEJS_PATH", "node", "nodejs");
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of(
                            "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_NODEJS_PATH", node.toString())));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(chromium)
                            .setHeadless(true)
                            .setArgs(ARGS));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
        }
        return browser;
    }

    /** The program named by the environment variable, else the first of {@code names} on the PATH. */
    private static Path executable(String variable, String... names) {
        String set = System.getenv(variable);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        Path found = Stream.of(
                        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assertThat(found)
                .as(
                        "%s not found on the PATH: install it (Debian: apt-get install -y %s) or set %s",
                        names[0], names[0].equals("node") ? "nodejs" : names[0], variable)
                .isNotNull();
        return found;
    }
}
