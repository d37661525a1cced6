package org.rastro.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.TimeZone;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.util.WebUtils;

/**
 * Spanish by default; the language switch ({@code ?lang=en}) is remembered in a cookie for this
 * browser and, for a signed-in user, in the account, so the next sign-in on another computer opens in
 * the language the user chose.
 */
public class AccountLocaleResolver extends CookieLocaleResolver {

    static final String COOKIE = "rastro-lang";
    private static final String CHOSEN = AccountLocaleResolver.class.getName() + ".CHOSEN";
    public static final Locale SPANISH = Locale.forLanguageTag("es-MX");

    private final JdbcClient jdbc;

    public AccountLocaleResolver(JdbcClient jdbc) {
        super(COOKIE);
        this.jdbc = jdbc;
        setDefaultLocale(SPANISH);
        setCookieMaxAge(Duration.ofDays(365));
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        // A choice made in this request, or remembered by this browser, comes first; then the account's.
        if (request.getAttribute(CHOSEN) == null
                && WebUtils.getCookie(request, COOKIE) == null
                && account() instanceof Account a) {
            return a.language().equals("en") ? Locale.ENGLISH : SPANISH;
        }
        return super.resolveLocale(request);
    }

    /** The same answer for the locale context the dispatcher asks for (the parent would answer from the cookie alone). */
    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        LocaleContext parent = super.resolveLocaleContext(request);
        return new TimeZoneAwareLocaleContext() {
            @Override
            public Locale getLocale() {
                return resolveLocale(request);
            }

            @Override
            public TimeZone getTimeZone() {
                return parent instanceof TimeZoneAwareLocaleContext t ? t.getTimeZone() : null;
            }
        };
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        super.setLocale(request, response, locale);
        request.setAttribute(CHOSEN, Boolean.TRUE);
        if (locale != null && account() instanceof Account a) {
            jdbc.sql("update app_user set language = :language where id = :id")
                    .param("language", locale.getLanguage().equals("en") ? "en" : "es")
                    .param("id", a.id())
                    .update();
        }
    }

    private static Object account() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getPrincipal();
    }
}
