package org.rastro.phones;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a link chart was asked for: its investigation, where it starts (a lot, a weapon or a phone), the phones
 * expanded, the period and the purpose. Written back as a query string it is the chart's address, the address of
 * one more phone expanded, and the parameters a second person approves for the court file's copy.
 */
record ChartQuery(
        long investigation,
        Long lot,
        Long weapon,
        String phone,
        List<String> expand,
        String from,
        String to,
        String purpose) {

    ChartQuery {
        expand = expand == null ? List.of() : List.copyOf(expand);
        from = blank(from);
        to = blank(to);
        phone = blank(phone);
    }

    LinkChart.Seed seed() {
        if (lot != null) {
            return new LinkChart.Seed.Lot(lot);
        }
        return weapon != null
                ? new LinkChart.Seed.Weapon(weapon)
                : new LinkChart.Seed.Phone(phone == null ? "" : phone);
    }

    Instant since() {
        return day(from, false);
    }

    Instant until() {
        return day(to, true);
    }

    /** The chart's page with one more phone expanded. */
    String expanding(String number) {
        List<String> more = new ArrayList<>(expand);
        more.add(number);
        return "/investigations/" + investigation + "/chart?"
                + new ChartQuery(investigation, lot, weapon, phone, more, from, to, purpose).parameters(false);
    }

    /**
     * The query string, every value encoded, in a fixed order: with {@code withInvestigation}, the parameters of an
     * export request (the same chart asked twice gives the same string, so an approval matches its download).
     */
    String parameters(boolean withInvestigation) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        if (withInvestigation) {
            b.queryParam("investigation", investigation);
        }
        b.queryParamIfPresent("lot", Optional.ofNullable(lot))
                .queryParamIfPresent("weapon", Optional.ofNullable(weapon))
                .queryParamIfPresent("phone", Optional.ofNullable(phone));
        expand.forEach(x -> b.queryParam("expand", x));
        b.queryParamIfPresent("from", Optional.ofNullable(from))
                .queryParamIfPresent("to", Optional.ofNullable(to))
                .queryParam("purpose", purpose == null ? "" : purpose);
        return b.encode().build().getQuery();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant day(String date, boolean end) {
        if (date == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(date);
            return (end ? d.plusDays(1) : d).atStartOfDay(PhoneAnalyses.LOCAL).toInstant();
        } catch (DateTimeParseException e) {
            throw Investigations.TEXTS.invalid("query.period");
        }
    }
}
