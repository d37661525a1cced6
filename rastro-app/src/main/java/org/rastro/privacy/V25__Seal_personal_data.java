package org.rastro.privacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Seals the personal data an older database holds in plaintext (a new one has none): names of the
 * people in the registry, and the people recorded with traces. Runs as the schema owner between V24
 * (sealed columns added) and V26 (plaintext dropped). The class name is Flyway's convention.
 */
@SuppressWarnings("checkstyle:TypeName")
public class V25__Seal_personal_data extends BaseJavaMigration {

    private final Path keyFile;

    public V25__Seal_personal_data(Path keyFile) {
        this.keyFile = keyFile;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        FieldCipher cipher = KeyRing.load(c, KeyRing.keyEncryptionKey(keyFile));
        try (PreparedStatement read = c.prepareStatement("""
                select n.person_id, p.matricula, n.given_names, n.surnames from person_name n join person p on p.id = n.person_id
                """);
                PreparedStatement write = c.prepareStatement("""
                        update person_name set given_names_sealed = ?, surnames_sealed = ?, name_index = ? where person_id = ?
                        """);
                ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                PersonalData.Name name = new PersonalData.Name(rs.getString(3), rs.getString(4));
                write.setBytes(1, cipher.seal(name.givenNames(), PersonalData.givenNamesContext(rs.getString(2))));
                write.setBytes(2, cipher.seal(name.surnames(), PersonalData.surnamesContext(rs.getString(2))));
                write.setBytes(3, PersonalData.nameIndex(cipher, name));
                write.setLong(4, rs.getLong(1));
                write.addBatch();
            }
            write.executeBatch();
        }
        try (PreparedStatement read = c.prepareStatement(
                        "select id, trace_id, given_names, surnames, birth_date::text, id_document from trace_person");
                PreparedStatement write = c.prepareStatement("""
                        update trace_person set given_names_sealed = ?, surnames_sealed = ?, birth_date_sealed = ?,
                               id_document_sealed = ?, document_index = ? where id = ?
                        """);
                ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                long trace = rs.getLong(2);
                write.setBytes(1, cipher.seal(rs.getString(3), PersonalData.traceContext(trace, "given_names")));
                write.setBytes(2, cipher.seal(rs.getString(4), PersonalData.traceContext(trace, "surnames")));
                write.setBytes(3, cipher.seal(rs.getString(5), PersonalData.traceContext(trace, "birth_date")));
                write.setBytes(4, cipher.seal(rs.getString(6), PersonalData.traceContext(trace, "id_document")));
                write.setBytes(5, cipher.index(PersonalData.DOCUMENT, rs.getString(6)));
                write.setLong(6, rs.getLong(1));
                write.addBatch();
            }
            write.executeBatch();
        }
    }
}
