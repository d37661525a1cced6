package org.rastro.registry.importing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import javax.sql.DataSource;
import org.rastro.privacy.PersonalData;
import org.rastro.system.Text;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/imports/{entity}} with the CSV file as the request body (text/csv). The body
 * is streamed into the importer, never held in memory. 200 with the report when imported, 422 with
 * the report (every bad row: line, column, code, reason) when rejected. Messages are in Spanish
 * unless the request asks for English with {@code Accept-Language}.
 */
@RestController
class ImportApi {

    private final BulkImporter importer;

    ImportApi(DataSource dataSource, PersonalData personalData) {
        this.importer = new BulkImporter(dataSource, personalData);
    }

    @PostMapping("/api/v1/imports/{entity}")
    ResponseEntity<ImportReport> importCsv(@PathVariable String entity, HttpServletRequest request) throws IOException {
        ImportEntity kind = ImportEntity.fromPath(entity);
        ImportReport report = importer.importCsv(kind, request.getInputStream(), null, Text.forApi(request));
        return ResponseEntity.status(report.status() == ImportReport.Status.IMPORTED ? 200 : 422)
                .body(report);
    }
}
