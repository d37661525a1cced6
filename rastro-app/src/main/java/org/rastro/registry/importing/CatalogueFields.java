package org.rastro.registry.importing;

import java.util.stream.Collectors;
import org.rastro.registry.Catalogue;
import org.rastro.registry.Normalisation;

/** Resolves make, model and calibre cells against the catalogue, turning every non-match into a row error. */
final class CatalogueFields {

    private CatalogueFields() {}

    static Catalogue.Manufacturer make(StagedRow row, Catalogue catalogue, String column) {
        String raw = row.required(column);
        if (raw == null) {
            return null;
        }
        return switch (catalogue.make(raw)) {
            case Normalisation.Matched<Catalogue.Manufacturer> m -> m.value();
            case Normalisation.Ambiguous<Catalogue.Manufacturer> a -> {
                row.error(
                        column,
                        "make-ambiguous",
                        raw,
                        a.candidates().stream()
                                .map(Catalogue.Manufacturer::name)
                                .collect(Collectors.joining(", ")));
                yield null;
            }
            case Normalisation.Unknown<Catalogue.Manufacturer> u -> {
                row.error(column, "make-unknown", raw.strip());
                yield null;
            }
            case Normalisation.Missing<Catalogue.Manufacturer> m -> {
                row.error(column, "required");
                yield null;
            }
        };
    }

    static Catalogue.Model model(StagedRow row, Catalogue catalogue, Catalogue.Manufacturer maker, String column) {
        String raw = row.required(column);
        if (raw == null || maker == null) {
            return null;
        }
        Catalogue.Model model = catalogue.model(maker.id(), raw);
        if (model == null) {
            row.error(
                    column,
                    "model-unknown",
                    raw,
                    maker.name(),
                    catalogue.models(maker.id()).stream()
                            .map(Catalogue.Model::name)
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        return model;
    }

    /**
     * The calibre as written, or the model's when the cell is empty. An ambiguous string is settled
     * only when the model's own calibre is one of the candidates; otherwise it is an error.
     */
    static Integer calibre(StagedRow row, Catalogue catalogue, String column, Integer modelCalibre) {
        String raw = row.optional(column);
        return switch (catalogue.calibre(raw)) {
            case Normalisation.Matched<Catalogue.Calibre> m -> m.value().id();
            case Normalisation.Missing<Catalogue.Calibre> m -> modelCalibre;
            case Normalisation.Ambiguous<Catalogue.Calibre> a -> {
                if (modelCalibre != null && a.candidates().stream().anyMatch(c -> c.id() == modelCalibre)) {
                    yield modelCalibre;
                }
                row.error(
                        column,
                        "calibre-ambiguous",
                        raw,
                        a.candidates().stream().map(Catalogue.Calibre::name).collect(Collectors.joining(", ")));
                yield null;
            }
            case Normalisation.Unknown<Catalogue.Calibre> u -> {
                row.error(column, "calibre-unknown", raw.strip());
                yield null;
            }
        };
    }
}
