package org.rastro.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser session over plain HTTP: form login with CSRF and a cookie jar, then pages and forms. */
public final class Browser {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    private Browser(int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * Signed in from a browser that has chosen Spanish (the language cookie set), so a test's page is
     * in Spanish whatever language another test left the account in; {@link #signedInFresh} has no cookie.
     */
    /** A browser that has not signed in. */
    public static Browser anonymous(int port) {
        return new Browser(port);
    }

    public static Browser signedIn(int port, String username, String password) throws Exception {
        Browser browser = new Browser(port);
        // Filed as the server's own Set-Cookie would be, so that a later switch replaces it.
        browser.cookies.put(URI.create(browser.base + "/"), Map.of("Set-Cookie", List.of("rastro-lang=es-MX; Path=/")));
        return browser.signIn(username, password, Otp.forDemo(username));
    }

    /** The same, for an account that is not a demo one, with its second factor's code. */
    public static Browser signedIn(int port, String username, String password, String code) throws Exception {
        Browser browser = new Browser(port);
        browser.cookies.put(URI.create(browser.base + "/"), Map.of("Set-Cookie", List.of("rastro-lang=es-MX; Path=/")));
        return browser.signIn(username, password, code);
    }

    /** Signed in from a browser that never chose a language: the page is in the account's language. */
    public static Browser signedInFresh(int port, String username, String password) throws Exception {
        return new Browser(port).signIn(username, password, Otp.forDemo(username));
    }

    private Browser signIn(String username, String password, String code) throws Exception {
        Browser browser = this;
        HttpResponse<String> posted = browser.post(
                "/login", "username=" + enc(username) + "&password=" + enc(password) + "&code=" + enc(code));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Posts a form to {@code path} with the CSRF token of the page that has the form (the path itself). */
    public HttpResponse<String> post(String path, String form) throws Exception {
        return post(path, path, form);
    }

    /** Posts a form to {@code action} with the CSRF token of the page at {@code page}, where the form is. */
    public HttpResponse<String> post(String pagePath, String action, String form) throws Exception {
        String path = action;
        String page = get(pagePath).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("a CSRF token on %s", path).isTrue();
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
