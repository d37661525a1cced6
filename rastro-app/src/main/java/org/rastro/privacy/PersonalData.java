package org.rastro.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal data at rest: the cipher every reader and writer of names, birth dates and identity documents
 * goes through, its contexts (which bind a sealed field to its row), the blind indexes, and key rotation.
 *
 * <p>Rotation: a new key-encryption key is put beside the current file as {@code <key-file>.next}; at the
 * next start every data key is wrapped again with it in one transaction, then the files are swapped and
 * the old one kept as {@code <key-file>.old} for the operator to destroy. A new data key
 * ({@link #rotateDataKey}) seals new fields at once and re-encrypts the old ones in batches.
 *
 * <p>Thread-safe: the cipher is made once (volatile, checked again under the instance lock) and is
 * immutable; a key rotation is synchronized.
 */
public class PersonalData {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);

    /** Blind-index purposes. */
    public static final String NAME = "person-name";

    public static final String DOCUMENT = "id-document";

    /** A person's name as the registry keeps it. */
    public record Name(String givenNames, String surnames) {}

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Path keyFile;
    private volatile FieldCipher cipher;

    public PersonalData(DataSource dataSource, Path keyFile) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.keyFile = keyFile;
    }

    public static String givenNamesContext(String matricula) {
        return "person_name.given_names|" + matricula;
    }

    public static String surnamesContext(String matricula) {
        return "person_name.surnames|" + matricula;
    }

    public static String traceContext(long traceId, String column) {
        return "trace_person." + column + "|" + traceId;
    }

    public static byte[] nameIndex(FieldCipher cipher, Name name) {
        return cipher.index(NAME, name.givenNames() + "|" + name.surnames());
    }

    /** The cipher, loaded on first use (after the migrations, whatever the order of start-up). */
    public FieldCipher cipher() {
        FieldCipher c = cipher;
        if (c == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = load();
                }
                c = cipher;
            }
        }
        return c;
    }

    private FieldCipher load() {
        try (Connection connection = dataSource.getConnection()) {
            byte[] kek = KeyRing.keyEncryptionKey(keyFile);
            Path next = keyFile.resolveSibling(keyFile.getFileName() + ".next");
            if (Files.exists(next)) {
                byte[] newKek = KeyRing.keyEncryptionKey(next);
                connection.setAutoCommit(false);
                int keys = KeyRing.rewrap(connection, kek, newKek);
                connection.commit();
                connection.setAutoCommit(true);
                Files.move(
                        keyFile,
                        keyFile.resolveSibling(keyFile.getFileName() + ".old"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.move(next, keyFile);
                log.warn("Personal-data key rotated: {} keys wrapped with the new key; destroy {}.old", keys, keyFile);
                kek = newKek;
            }
            return KeyRing.load(connection, kek);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the personal-data keys: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the personal-data key file " + keyFile, e);
        }
    }

    /** What a data-key rotation did. */
    public record Rotation(int newKeyId, int people, int tracePeople) {}

    /** A new data key: new fields are sealed with it at once, old fields re-encrypted with it here. */
    public synchronized Rotation rotateDataKey() {
        int id;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            id = KeyRing.rotateDataKey(connection, KeyRing.keyEncryptionKey(keyFile));
            connection.commit();
            cipher = KeyRing.load(connection, KeyRing.keyEncryptionKey(keyFile));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot rotate the data key: " + e.getMessage(), e);
        }
        return new Rotation(id, reencryptPeople(), reencryptTracePeople());
    }

    private int reencryptPeople() {
        FieldCipher c = cipher();
        record Row(long personId, String matricula, byte[] givenNames, byte[] surnames) {}
        int done = 0;
        for (long after = 0; ; ) {
            var rows = jdbc.sql("""
                    select n.person_id, p.matricula, n.given_names, n.surnames from person_name n join person p on p.id = n.person_id
                     where n.person_id > :after order by n.person_id limit 1000
                    """).param("after", after).query(Row.class).list();
            if (rows.isEmpty()) {
                return done;
            }
            for (Row r : rows) {
                if (FieldCipher.keyIdOf(r.givenNames()) != c.activeKeyId()
                        || FieldCipher.keyIdOf(r.surnames()) != c.activeKeyId()) {
                    jdbc.sql("update person_name set given_names = :g, surnames = :s where person_id = :id")
                            .param(
                                    "g",
                                    c.seal(
                                            c.open(r.givenNames(), givenNamesContext(r.matricula())),
                                            givenNamesContext(r.matricula())))
                            .param(
                                    "s",
                                    c.seal(
                                            c.open(r.surnames(), surnamesContext(r.matricula())),
                                            surnamesContext(r.matricula())))
                            .param("id", r.personId())
                            .update();
                    done++;
                }
            }
            after = rows.getLast().personId();
        }
    }

    private int reencryptTracePeople() {
        FieldCipher c = cipher();
        record Row(long id, long traceId, byte[] givenNames, byte[] surnames, byte[] birthDate, byte[] idDocument) {}
        int done = 0;
        for (long after = 0; ; ) {
            var rows = jdbc.sql("""
                    select id, trace_id, given_names, surnames, birth_date, id_document from trace_person
                     where id > :after order by id limit 1000
                    """).param("after", after).query(Row.class).list();
            if (rows.isEmpty()) {
                return done;
            }
            for (Row r : rows) {
                jdbc.sql("""
                        update trace_person set given_names = :g, surnames = :s, birth_date = :b, id_document = :d where id = :id
                        """)
                        .param("g", again(c, r.givenNames(), traceContext(r.traceId(), "given_names")))
                        .param("s", again(c, r.surnames(), traceContext(r.traceId(), "surnames")))
                        .param("b", again(c, r.birthDate(), traceContext(r.traceId(), "birth_date")))
                        .param("d", again(c, r.idDocument(), traceContext(r.traceId(), "id_document")))
                        .param("id", r.id())
                        .update();
                done++;
            }
            after = rows.getLast().id();
        }
    }

    private static byte[] again(FieldCipher c, byte[] sealed, String context) {
        return sealed == null || FieldCipher.keyIdOf(sealed) == c.activeKeyId()
                ? sealed
                : c.seal(c.open(sealed, context), context);
    }
}
