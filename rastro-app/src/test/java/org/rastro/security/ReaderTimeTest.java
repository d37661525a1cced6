package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A moment reads in the reader's zone, labelled with its offset, whatever the server's own clock zone. */
class ReaderTimeTest {

    private static final Instant NOON_UTC = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void mexicoCityIsSixHoursBehindAndSaysSo() {
        assertThat(ReaderTime.format(NOON_UTC, Account.MEXICO_CITY, Locale.forLanguageTag("es-MX")))
                .isEqualTo("4 dic 2026 06:00 (UTC−6)");
        assertThat(ReaderTime.format(NOON_UTC, Account.MEXICO_CITY, Locale.ENGLISH))
                .isEqualTo("4 Dec 2026 06:00 (UTC−6)");
    }

    @Test
    void anAccountInTijuanaReadsItsOwnHourAndSummerTimeMovesIt() {
        ZoneId tijuana = ZoneId.of("America/Tijuana");
        assertThat(ReaderTime.format(NOON_UTC, tijuana, Locale.forLanguageTag("es-MX")))
                .isEqualTo("4 dic 2026 04:00 (UTC−8)");
        assertThat(ReaderTime.format(Instant.parse("2026-07-01T12:00:00Z"), tijuana, Locale.forLanguageTag("es-MX")))
                .isEqualTo("1 jul 2026 05:00 (UTC−7)");
        assertThat(ReaderTime.format(NOON_UTC, ZoneId.of("Asia/Kolkata"), Locale.ENGLISH))
                .isEqualTo("4 Dec 2026 17:30 (UTC+5:30)");
    }
}
