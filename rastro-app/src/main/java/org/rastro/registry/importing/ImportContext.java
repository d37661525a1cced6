package org.rastro.registry.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.rastro.privacy.FieldCipher;
import org.rastro.registry.Catalogue;

/**
 * Reference data a row check may need, loaded once per file: the catalogue and the organisation
 * codes (thousands at national scale, so a map; never rows of the file being imported).
 */
final class ImportContext {

    record Org(long id, String kind, String country) {}

    private final Catalogue catalogue;
    private final Map<String, Org> organisations;
    private final FieldCipher cipher;

    private ImportContext(Catalogue catalogue, Map<String, Org> organisations, FieldCipher cipher) {
        this.catalogue = catalogue;
        this.organisations = organisations;
        this.cipher = cipher;
    }

    /** A context from reference data already in hand (the fuzz tests use it without a database). */
    static ImportContext of(Catalogue catalogue, Map<String, Org> organisations, FieldCipher cipher) {
        return new ImportContext(catalogue, Map.copyOf(organisations), cipher);
    }

    static ImportContext load(Connection connection, Catalogue catalogue, FieldCipher cipher) throws SQLException {
        Map<String, Org> organisations = new HashMap<>();
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("select code, id, kind, country from organisation")) {
            while (rs.next()) {
                organisations.put(rs.getString(1), new Org(rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        }
        return new ImportContext(catalogue, organisations, cipher);
    }

    /** Seals personal data before it is staged: plaintext names never reach the database, not even its staging tables. */
    FieldCipher cipher() {
        return cipher;
    }

    Catalogue catalogue() {
        return catalogue;
    }

    /** Resolves an organisation code, recording an error on the row when it is unknown. */
    Org organisation(StagedRow row, String column, String code) {
        if (code == null) {
            return null;
        }
        Org org = organisations.get(code.toUpperCase(Locale.ROOT));
        if (org == null) {
            row.error(column, "unknown-org", code);
        }
        return org;
    }
}
