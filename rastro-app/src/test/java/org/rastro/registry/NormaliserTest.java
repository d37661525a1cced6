package org.rastro.registry;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;

/**
 * The catalogue's normaliser on real messy strings: Maryland dealer transfers of 2017
 * ({@code shared/data/fixtures/md_firearm_transfers_2017.csv}, 44,702 records). Common makes and calibres must map;
 * everything else must come back as unknown, ambiguous or missing — never as a silent guess.
 */
class NormaliserTest extends IntegrationTest {

    private Catalogue catalogue;

    @BeforeEach
    void load() {
        catalogue = new CatalogueRepository(jdbc).load();
    }

    @Test
    void knownMessyMakesMapToTheirManufacturer() {
        assertThat(make("Sig Sauer/Sigarms Inc.")).isEqualTo("SIG Sauer");
        assertThat(make("Colt/Colts Mfg. Co., Inc.")).isEqualTo("Colt's Manufacturing Company");
        assertThat(make("Beretta USA")).isEqualTo("Beretta");
        assertThat(make("mossburg")).isEqualTo("O.F. Mossberg & Sons");
        assertThat(make("FN American LLC")).isEqualTo("FN Herstal");
        assertThat(make("HECKLER AND KOCH")).isEqualTo("Heckler & Koch");
        assertThat(make("Industria Militar")).isEqualTo("Dirección General de Industria Militar");
        assertThat(catalogue.make("Ruger (Sturm, Ruger & Co.)")).isInstanceOf(Normalisation.Matched.class);
        assertThat(catalogue.make("Glock / Colt")).isInstanceOf(Normalisation.Ambiguous.class);
        assertThat(catalogue.make("Acme Blasters Inc.")).isInstanceOf(Normalisation.Unknown.class);
        assertThat(catalogue.make("NULL")).isInstanceOf(Normalisation.Missing.class);
    }

    @Test
    void calibresMapOnlyWhenTheyNameOneCalibre() {
        assertThat(calibre("9")).isEqualTo("9mm Luger");
        assertThat(calibre("9 mm")).isEqualTo("9mm Luger");
        assertThat(calibre(".45ACP")).isEqualTo("45 Automatic");
        assertThat(calibre(".25 ACP.")).isEqualTo("25 Automatic");
        assertThat(calibre("7.62X39")).isEqualTo("7.62 x 39");
        assertThat(calibre("7.62x39mm")).isEqualTo("7.62 x 39");
        assertThat(calibre("5.56MM")).isEqualTo("5.56x45mm NATO");
        assertThat(calibre("12GA.")).isEqualTo("12 Gauge");
        assertThat(catalogue.calibre("762") instanceof Normalisation.Ambiguous<Catalogue.Calibre> a
                        && a.candidates().size() >= 4)
                .isTrue();
        assertThat(catalogue.calibre("357")).isInstanceOf(Normalisation.Ambiguous.class);
        assertThat(catalogue.calibre("All calibers approved")).isInstanceOf(Normalisation.Unknown.class);
        assertThat(catalogue.calibre("NULL")).isInstanceOf(Normalisation.Missing.class);
        assertThat(catalogue.calibre("0")).isInstanceOf(Normalisation.Missing.class);
    }

    @Test
    void theMarylandFileIsMostlyMappedAndTheRestReported() throws Exception {
        Path file = Path.of(
                System.getProperty("rastro.shared-dir", "../../shared"), "data/fixtures/md_firearm_transfers_2017.csv");
        Map<String, Integer> makeOutcomes = new TreeMap<>();
        Map<String, Integer> calibreOutcomes = new TreeMap<>();
        int rows = 0;
        try (CsvReader<NamedCsvRecord> reader =
                CsvReader.builder().detectBomHeader(true).ofNamedCsvRecord(file)) {
            for (NamedCsvRecord record : reader) {
                rows++;
                makeOutcomes.merge(
                        catalogue.make(record.getField("Make")).getClass().getSimpleName(), 1, Integer::sum);
                calibreOutcomes.merge(
                        catalogue.calibre(record.getField("Caliber")).getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        System.out.printf("Maryland 2017, %d rows. Makes: %s. Calibres: %s%n", rows, makeOutcomes, calibreOutcomes);
        assertThat(rows).isEqualTo(44_702);
        // Every row gets one of the four outcomes; nothing is dropped.
        assertThat(makeOutcomes.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(rows);
        assertThat(makeOutcomes.getOrDefault("Matched", 0)).isGreaterThan((int) (rows * 0.85));
        assertThat(makeOutcomes.getOrDefault("Unknown", 0)).isPositive();
        // "9", "45", "40" and "380" dominate and map; "22", "357", "38", "762" stay ambiguous; "NULL" is missing.
        assertThat(calibreOutcomes.getOrDefault("Matched", 0)).isGreaterThan((int) (rows * 0.60));
        assertThat(calibreOutcomes.getOrDefault("Ambiguous", 0)).isGreaterThan(3_000);
        assertThat(calibreOutcomes.getOrDefault("Missing", 0)).isGreaterThan(4_000);
    }

    private String make(String raw) {
        return ((Normalisation.Matched<Catalogue.Manufacturer>) catalogue.make(raw))
                .value()
                .name();
    }

    private String calibre(String raw) {
        return ((Normalisation.Matched<Catalogue.Calibre>) catalogue.calibre(raw))
                .value()
                .name();
    }
}
