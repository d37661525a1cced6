package org.rastro.security;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * A moment as the reader reads it: in their account's time zone (Mexico's centre by default), in their
 * language, and labelled with its offset, so "05:00 (UTC−6)" never passes for the server's clock. Pages
 * call it as {@code ${@times.at(instant)}}.
 */
@Component("times")
public final class ReaderTime {

    private static final DateTimeFormatter SPANISH =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.forLanguageTag("es-MX"));
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    /** The moment in the reader's zone and language, with the zone's offset at that moment. */
    public String at(Instant instant) {
        if (instant == null) {
            return "";
        }
        return format(instant, zone(), LocaleContextHolder.getLocale());
    }

    static String format(Instant instant, ZoneId zone, Locale locale) {
        ZonedDateTime local = instant.atZone(zone);
        DateTimeFormatter pattern = locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : SPANISH;
        return local.format(pattern) + " (" + offset(local.getOffset().getTotalSeconds()) + ")";
    }

    /** "UTC−6", "UTC+5:30", "UTC": the minus sign a reader expects, minutes only when there are any. */
    private static String offset(int seconds) {
        if (seconds == 0) {
            return "UTC";
        }
        int minutes = Math.abs(seconds) / 60;
        String sign = seconds < 0 ? "−" : "+";
        return "UTC" + sign + minutes / 60
                + (minutes % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", minutes % 60));
    }

    /** The signed-in reader's zone, or Mexico's centre. */
    public ZoneId zone() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Account account
                ? account.timeZone()
                : Account.MEXICO_CITY;
    }
}
