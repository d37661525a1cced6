package org.rastro.registry.importing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import javax.sql.DataSource;
import org.rastro.custody.CustodyService;
import org.rastro.privacy.PersonalData;
import org.rastro.security.Account;
import org.rastro.security.Jurisdiction;
import org.rastro.security.Jurisdictions;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
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

    private static final TextBundle TEXTS = TextBundle.of("registry");

    private final BulkImporter importer;
    private final CustodyHistoryImporter history;
    private final Jurisdictions jurisdictions;

    ImportApi(
            DataSource dataSource,
            PersonalData personalData,
            JdbcClient jdbc,
            CustodyService custody,
            TransactionTemplate transactions,
            Jurisdictions jurisdictions) {
        this.importer = new BulkImporter(dataSource, personalData);
        this.history = new CustodyHistoryImporter(jdbc, custody, transactions);
        this.jurisdictions = jurisdictions;
    }

    /**
     * {@code POST /api/v1/imports/custody-events}: a custody history (see {@link CustodyHistoryImporter}),
     * recorded as the signed-in account. A history spans the country, so only a national account loads one.
     */
    @PostMapping("/api/v1/imports/custody-events")
    ResponseEntity<ImportReport> importHistory(@AuthenticationPrincipal Account account, HttpServletRequest request)
            throws IOException {
        if (!(jurisdictions.of(account) instanceof Jurisdiction.National)) {
            throw new RastroException(ErrorCode.FORBIDDEN, TEXTS.text("history.national"));
        }
        ImportReport report =
                history.importCsv(request.getInputStream(), account.id(), account.username(), Text.forApi(request));
        return ResponseEntity.status(report.status() == ImportReport.Status.IMPORTED ? 200 : 422)
                .body(report);
    }

    @PostMapping("/api/v1/imports/{entity}")
    ResponseEntity<ImportReport> importCsv(@PathVariable String entity, HttpServletRequest request) throws IOException {
        ImportEntity kind = ImportEntity.fromPath(entity);
        ImportReport report = importer.importCsv(kind, request.getInputStream(), null, Text.forApi(request));
        return ResponseEntity.status(report.status() == ImportReport.Status.IMPORTED ? 200 : 422)
                .body(report);
    }
}
