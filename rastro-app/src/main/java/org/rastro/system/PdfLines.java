package org.rastro.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Plain reports as PDF (Apache PDFBox): styled lines of text on A4 pages, for the court file. */
public final class PdfLines {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private PdfLines() {}

    /** The text styles: the PDF's standard fonts (no font file to ship). */
    public enum Style {
        TITLE(Standard14Fonts.FontName.HELVETICA_BOLD, 16),
        HEADING(Standard14Fonts.FontName.HELVETICA_BOLD, 12),
        BOLD(Standard14Fonts.FontName.HELVETICA_BOLD, 9.5f),
        BODY(Standard14Fonts.FontName.HELVETICA, 9.5f),
        SMALL(Standard14Fonts.FontName.HELVETICA, 8),
        MONO(Standard14Fonts.FontName.COURIER, 7);

        final PDType1Font font;
        final float size;

        Style(Standard14Fonts.FontName name, float size) {
            this.font = new PDType1Font(name);
            this.size = size;
        }
    }

    /** Lines of text on A4 pages, wrapped and paginated; characters the standard fonts lack become '?'. */
    public static final class Writer implements AutoCloseable {
        private final PDDocument document;
        private PDPageContentStream stream;
        private float y;

        public Writer(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        public void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        public void title(String s) throws IOException {
            line(s, Style.TITLE);
        }

        public void heading(String s) throws IOException {
            line(s, Style.HEADING);
        }

        public void gap() {
            y -= 6;
        }

        public void field(String label, String value) throws IOException {
            paragraph(label + ": " + (value == null || value.isBlank() ? "—" : value), Style.BODY);
        }

        public void paragraph(String s, Style style) throws IOException {
            for (String line : wrap(safe(s, style), style)) {
                line(line, style);
            }
        }

        public void line(String s, Style style) throws IOException {
            float height = style.size * 1.35f;
            if (y - height < MARGIN) {
                newPage();
            }
            y -= height;
            stream.beginText();
            stream.setFont(style.font, style.size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(safe(s, style));
            stream.endText();
        }

        private static List<String> wrap(String s, Style style) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                current.append(s.charAt(i));
                if (style.font.getStringWidth(current.toString()) / 1000 * style.size > WIDTH) {
                    // Break at the last space if there is one, else mid-word (base64, long codes).
                    int space = current.lastIndexOf(" ");
                    if (space > 0) {
                        lines.add(current.substring(0, space));
                        current.delete(0, space + 1);
                    } else {
                        lines.add(current.substring(0, current.length() - 1));
                        current.delete(0, current.length() - 1);
                    }
                }
            }
            if (!current.isEmpty() || lines.isEmpty()) {
                lines.add(current.toString());
            }
            return lines;
        }

        private static String safe(String s, Style style) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                try {
                    style.font.encode(String.valueOf(c));
                    out.append(c);
                } catch (IOException | IllegalArgumentException e) {
                    out.append(
                            switch (c) {
                                case '≠' -> "!=";
                                case '⇄' -> "<>";
                                case '→' -> "->";
                                case '⚑' -> "!";
                                case '−' -> "-";
                                default -> "?";
                            });
                }
            }
            return out.toString();
        }

        @Override
        public void close() throws IOException {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }
}
