package org.rastro.tracing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.rastro.custody.Receipts;
import org.rastro.custody.TimelineEntry;
import org.rastro.system.PdfLines.Style;
import org.rastro.system.PdfLines.Writer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The trace report as a PDF (Apache PDFBox), in Spanish or English: the recovery, the reading, every
 * candidate with its score and reasons, the custody chain of the most likely one, and in an annex the
 * log receipt (C2SP tlog-proof) of every custody event it cites, so a court can verify each one with
 * the log's public key ({@code rastro verify receipt}).
 */
@Component
class TraceReport {

    private final TraceStore traces;
    private final Receipts receipts;
    private final MessageSource messages;

    TraceReport(TraceStore traces, Receipts receipts, MessageSource messages) {
        this.traces = traces;
        this.receipts = receipts;
        this.messages = messages;
    }

    byte[] pdf(long traceId, Locale locale) {
        StoredTrace t = traces.stored(traceId);
        try (PDDocument document = new PDDocument();
                Writer w = new Writer(document)) {
            w.title(text("report.title", locale) + " #" + t.id());
            w.line(text("report.synthetic", locale), Style.SMALL);
            w.gap();
            w.heading(text("report.recovery", locale));
            w.field(text("report.case", locale), t.caseNumber());
            w.field(text("report.agency", locale), t.agency() + " — " + t.agencyName());
            w.field(text("report.recoveredOn", locale), t.recoveredOn().toString());
            w.field(text("report.place", locale), t.place());
            // A crime chosen on the form is a code with its words; one an API client typed is shown as typed.
            w.field(
                    text("report.crime", locale),
                    t.crimeType() == null
                            ? null
                            : messages.getMessage("crime." + t.crimeType(), null, t.crimeType(), locale));
            w.field(
                    text("report.requested", locale),
                    t.requestedBy() + ", "
                            + t.requestedAt()
                                    .atOffset(ZoneOffset.UTC)
                                    .toLocalDateTime()
                                    .withNano(0) + " UTC");
            w.gap();
            w.heading(text("report.reading", locale));
            w.field(
                    text("report.serialAsRead", locale),
                    t.serialAsRead() + (t.obliterated() ? " (" + text("report.obliterated", locale) + ")" : ""));
            TraceResult r = t.result();
            w.field(text("report.outcome", locale), text("report.outcome." + r.outcome(), locale));
            if (r.reason() != null) {
                w.paragraph(r.reason().in(locale), Style.BODY);
            }
            w.gap();
            w.heading(text("report.candidates", locale));
            if (r.candidates().isEmpty()) {
                w.paragraph(text("report.none", locale), Style.BODY);
            }
            int rank = 1;
            for (Candidate c : r.candidates()) {
                w.line(
                        rank++ + ". " + c.serial() + "  ·  " + c.make() + " " + c.model() + "  ·  "
                                + text("report.confidence." + c.confidence().name(), locale) + " "
                                + messages.getMessage("report.scoreOf", new Object[] {c.score()}, locale),
                        Style.BOLD);
                List<String> why = new ArrayList<>();
                c.differences().forEach(d -> why.add(d.notation()));
                c.agrees().forEach(a -> why.add(a.in(locale)));
                c.differs().forEach(d -> why.add("≠ " + d.in(locale)));
                if (!why.isEmpty()) {
                    w.paragraph(String.join("; ", why), Style.BODY);
                }
            }
            Candidate best = r.candidates().isEmpty() ? null : r.candidates().getFirst();
            List<Long> cited = new ArrayList<>();
            if (best != null && best.custody() != null) {
                CandidateCustody custody = best.custody();
                w.gap();
                w.heading(text("report.custody", locale) + " — " + best.serial());
                w.field(text("report.diversion", locale), text("report.diversion." + custody.diversion(), locale));
                w.field(
                        text("report.lastCustodian", locale),
                        (custody.lastCustodian() == null
                                        ? "—"
                                        : custody.lastCustodian() + " "
                                                + (custody.lastCustodianName() == null
                                                        ? ""
                                                        : custody.lastCustodianName()))
                                + (custody.lastPerson() == null
                                        ? ""
                                        : ", " + text("report.person", locale) + " " + custody.lastPerson()));
                w.field(text("report.licence", locale), custody.licence() == null ? "—" : custody.licence());
                for (var days : custody.daysBeforeRecovery().entrySet()) {
                    w.field(text("report.days." + days.getKey(), locale), days.getValue() + " d");
                }
                for (Flag flag : custody.flags()) {
                    w.paragraph("⚑ " + flag.text().in(locale), Style.BOLD);
                }
                w.gap();
                for (TimelineEntry e : custody.timeline()) {
                    w.paragraph(
                            e.occurredOn() + "  " + e.kind() + "  " + e.organisation()
                                    + (e.counterpart() == null ? "" : " → " + e.counterpart())
                                    + (e.matricula() == null ? "" : "  " + e.matricula())
                                    + (e.reportedOn() == null
                                            ? ""
                                            : "  (" + text("report.reportedOn", locale) + " " + e.reportedOn() + ")")
                                    + "  [#"
                                    + e.id()
                                    + (e.ledgerIndex() == null ? ", " + text("report.pendingLog", locale) : "")
                                    + "]",
                            Style.SMALL);
                    if (e.ledgerIndex() != null) {
                        cited.add(e.id());
                    }
                }
            }
            if (!cited.isEmpty()) {
                w.newPage();
                w.heading(text("report.receipts", locale));
                w.paragraph(text("report.receiptsHow", locale), Style.BODY);
                for (long event : cited) {
                    w.gap();
                    w.line(text("report.event", locale) + " " + event, Style.BOLD);
                    for (String line : receipts.receipt(event).split("\n")) {
                        w.paragraph(line, Style.MONO);
                    }
                }
            }
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report of trace " + traceId, e);
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
