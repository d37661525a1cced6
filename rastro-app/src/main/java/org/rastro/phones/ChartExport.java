package org.rastro.phones;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.rastro.system.CsvOut;
import org.rastro.system.PdfLines.Style;
import org.rastro.system.PdfLines.Writer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the chart shows, for the court file: every link with its ends, what it says, the records behind it and
 * when — as CSV (one row a link) or as a PDF that also lists the places (cells with their radius). In the reader's
 * language; numbers in E.164.
 */
@Component
class ChartExport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;

    ChartExport(MessageSource messages) {
        this.messages = messages;
    }

    byte[] csv(LinkChart.Chart chart, Locale locale) {
        Map<String, String> labels = labels(chart);
        StringWriter out = new StringWriter();
        try (CsvOut csv = CsvOut.to(out)) {
            csv.row(
                    text("inv.chart.from", locale),
                    text("inv.chart.kind", locale),
                    text("inv.chart.to", locale),
                    text("inv.chart.detail", locale),
                    text("inv.chart.records", locale),
                    text("inv.chart.when", locale),
                    text("inv.chart.until", locale));
            for (LinkChart.Edge e : chart.edges()) {
                csv.row(
                        labels.get(e.source()),
                        text("inv.edge." + e.kind().name(), locale),
                        labels.get(e.target()),
                        e.label(),
                        String.valueOf(e.records()),
                        when(e.first()),
                        when(e.last()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] pdf(Investigations.Investigation inv, LinkChart.Chart chart, String purpose, Locale locale) {
        Map<String, String> labels = labels(chart);
        try (PDDocument document = new PDDocument();
                Writer w = new Writer(document)) {
            w.title(text("inv.chart.title", locale) + ": " + chart.title());
            w.field(text("inv.number", locale), inv.number() + " · " + inv.title());
            w.field(text("inv.purpose", locale), purpose);
            w.line(text("inv.chart.synthetic", locale), Style.SMALL);
            w.gap();
            w.heading(text("inv.chart.links", locale));
            for (LinkChart.Edge e : chart.edges()) {
                w.paragraph(
                        labels.get(e.source()) + " — "
                                + text("inv.edge." + e.kind().name(), locale) + " — "
                                + labels.get(e.target())
                                + (e.label().isEmpty() ? "" : " · " + e.label())
                                + (e.records() > 0
                                        ? " · " + text("inv.chart.records", locale) + ": " + e.records()
                                        : "")
                                + (e.first() == null ? "" : " · " + when(e.first())),
                        Style.BODY);
            }
            w.gap();
            w.heading(text("inv.chart.map", locale));
            w.paragraph(text("inv.chart.map.help", locale), Style.SMALL);
            for (LinkChart.MapPlace p : chart.places()) {
                w.paragraph(
                        p.cell() + " · " + p.label() + " · " + text("inv.chart.radius", locale, p.radiusM()),
                        Style.BODY);
            }
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> labels(LinkChart.Chart chart) {
        Map<String, String> labels = new HashMap<>();
        chart.nodes().forEach(n -> labels.put(n.id(), n.label()));
        return labels;
    }

    private static String when(java.time.Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(PhoneAnalyses.LOCAL));
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
