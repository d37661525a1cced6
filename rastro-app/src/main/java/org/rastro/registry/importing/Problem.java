package org.rastro.registry.importing;

import static java.util.Objects.requireNonNull;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * An import error before it is put into words: where (line, column), which rule (the code, a key
 * of {@code messages*.properties} in this package) and the values involved. It is rendered in the
 * reader's language only when the report is made.
 */
record Problem(long line, String column, String code, List<Object> args) {

    Problem {
        requireNonNull(code, "code is null");
        args = List.copyOf(args.stream().map(a -> a == null ? "" : a).toList());
    }

    static Problem of(long line, String column, String code, Object... args) {
        return new Problem(line, column, code, List.of(args.length == 0 ? new Object[0] : replaceNulls(args)));
    }

    private static Object[] replaceNulls(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = "";
            }
        }
        return out;
    }

    ImportReport.RowError render(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                "org.rastro.registry.importing.messages",
                "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        // Numbers are shown as written (no thousands separators) so that line numbers stay line numbers.
        Object[] values = args.stream()
                .map(a -> switch (a) {
                    case Number n -> n.toString();
                    case CustodyHistoryImporter.LocalisedText t ->
                        t.refusal().text().in(locale);
                    default -> a;
                })
                .toArray();
        String message = new MessageFormat(bundle.getString(code), locale).format(values);
        return new ImportReport.RowError(line, column, code, message);
    }
}
