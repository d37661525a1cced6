package org.rastro.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.rastro.privacy.FieldCipher;
import org.rastro.privacy.TestCiphers;
import org.rastro.registry.TestCatalogues;

/**
 * The registry's CSV import, row by row as the bulk importer reads it (same CSV settings, same header check,
 * same staging of each row by its entity's rules): whatever the file, every bad field becomes a problem with
 * its line and column, never an exception (which the importer would turn into a 500 and a rolled-back file).
 * The set-based checks and the merge run in PostgreSQL and are covered by BulkImportTest.
 */
class ImportCsvFuzzTest {

    private static final FieldCipher CIPHER = TestCiphers.random();
    private static final ImportContext CONTEXT = ImportContext.of(
            TestCatalogues.small(),
            Map.of(
                    "SEDENA", new ImportContext.Org(1, "MINISTRY", "MX"),
                    "BI-89", new ImportContext.Org(2, "UNIT", "MX"),
                    "ARM-ZM-22", new ImportContext.Org(3, "ARMORY", "MX"),
                    "EXP-HK", new ImportContext.Org(4, "EXPORTER", "DE")),
            CIPHER);

    @FuzzTest(maxDuration = "60s")
    void importRows(FuzzedDataProvider data) {
        ImportEntity entity = data.pickValue(ImportEntity.values());
        EntitySpec spec = BulkImporter.spec(entity);
        byte[] csv = data.consumeRemainingAsBytes();
        CsvReader<CsvRecord> reader = CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(new ByteArrayInputStream(csv), StandardCharsets.UTF_8);
        BulkImporter.Errors errors = new BulkImporter.Errors();
        try {
            Iterator<CsvRecord> records = reader.iterator();
            if (!records.hasNext()) {
                return;
            }
            Header header = Header.of(records.next().getFields());
            if (!BulkImporter.checkHeader(spec.requiredColumns(), spec.optionalColumns(), header, errors)) {
                assertThat(errors.count).isPositive();
                return;
            }
            int columns = spec.stagingColumns().split(",").length;
            while (records.hasNext()) {
                CsvRecord record = records.next();
                if (record.getFieldCount() != header.size()) {
                    continue;
                }
                StagedRow row = new StagedRow(header, record.getFields(), record.getStartingLineNumber());
                CopyWriter.Line line = new CopyWriter(null).line(row.line());
                boolean staged = spec.stage(row, CONTEXT, line);
                if (row.ok()) {
                    assertThat(staged).isTrue();
                    assertThat(line.columns()).isEqualTo(columns);
                } else {
                    assertThat(row.errors())
                            .allSatisfy(p -> assertThat(p.line()).isEqualTo(row.line()));
                }
            }
        } catch (CsvParseException unreadable) {
            // The importer answers this with a problem on the file ("unreadable CSV"), not a 500.
        }
    }
}
