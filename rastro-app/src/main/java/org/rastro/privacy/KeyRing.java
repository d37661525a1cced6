package org.rastro.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.rastro.system.OwnerOnlyFiles;

/**
 * Envelope encryption's keys. The key-encryption key (KEK, 32 random bytes) is a file outside the
 * database — by default {@code <data-dir>/personal-data.key}, owner-only; in production on a separate
 * volume or secret mount. The data keys (one active, older ones kept to open old rows) and the blind
 * index key live in the table {@code data_key}, each wrapped (AES-256-GCM) by the KEK: a copy of the
 * database without the key file opens nothing. Plain JDBC, so a Flyway migration can use it too.
 */
public final class KeyRing {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyRing() {}

    /** The KEK from its file, creating the file (owner-only) with a fresh random key when there is none. */
    public static byte[] keyEncryptionKey(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] kek = Files.readAllBytes(file);
                if (kek.length != 32) {
                    throw new IllegalStateException(
                            "the personal-data key file " + file + " must hold 32 bytes, it holds " + kek.length);
                }
                return kek;
            }
            byte[] kek = new byte[32];
            RANDOM.nextBytes(kek);
            OwnerOnlyFiles.write(file, kek);
            return kek;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the personal-data key file " + file, e);
        }
    }

    /** The cipher with every data key and the index key, creating the first ones when the table is empty. */
    public static FieldCipher load(Connection connection, byte[] kek) throws SQLException {
        if (!exists(connection, "DATA")) {
            add(connection, kek, "DATA");
        }
        if (!exists(connection, "INDEX")) {
            add(connection, kek, "INDEX");
        }
        Map<Integer, byte[]> data = new HashMap<>();
        byte[] index = null;
        int active = -1;
        try (PreparedStatement s = connection.prepareStatement(
                        "select id, purpose, wrapped, retired_at is null from data_key order by id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int id = rs.getInt(1);
                String purpose = rs.getString(2);
                byte[] key = unwrap(kek, id, purpose, rs.getBytes(3));
                if (purpose.equals("INDEX")) {
                    index = key;
                } else {
                    data.put(id, key);
                    if (rs.getBoolean(4)) {
                        active = Math.max(active, id);
                    }
                }
            }
        }
        return new FieldCipher(active, data, index);
    }

    /** A new active data key; the old ones stay (retired) to open old rows until they are re-encrypted. */
    public static int rotateDataKey(Connection connection, byte[] kek) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "update data_key set retired_at = now() where purpose = 'DATA' and retired_at is null")) {
            s.executeUpdate();
        }
        return add(connection, kek, "DATA");
    }

    /** Wraps every key again with a new KEK (KEK rotation); the caller commits, then replaces the key file. */
    public static int rewrap(Connection connection, byte[] oldKek, byte[] newKek) throws SQLException {
        Map<Integer, byte[]> rewrapped = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("select id, purpose, wrapped from data_key");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int id = rs.getInt(1);
                String purpose = rs.getString(2);
                rewrapped.put(id, wrap(newKek, id, purpose, unwrap(oldKek, id, purpose, rs.getBytes(3))));
            }
        }
        try (PreparedStatement s = connection.prepareStatement("update data_key set wrapped = ? where id = ?")) {
            for (var e : rewrapped.entrySet()) {
                s.setBytes(1, e.getValue());
                s.setInt(2, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
        return rewrapped.size();
    }

    private static boolean exists(Connection connection, String purpose) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "select exists (select 1 from data_key where purpose = ? and retired_at is null)")) {
            s.setString(1, purpose);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static int add(Connection connection, byte[] kek, String purpose) throws SQLException {
        int id;
        try (PreparedStatement s = connection.prepareStatement("select coalesce(max(id), 0) + 1 from data_key");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            id = rs.getInt(1);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try (PreparedStatement s =
                connection.prepareStatement("insert into data_key (id, purpose, wrapped) values (?, ?, ?)")) {
            s.setInt(1, id);
            s.setString(2, purpose);
            s.setBytes(3, wrap(kek, id, purpose, key));
            s.executeUpdate();
        }
        return id;
    }

    private static byte[] aad(int id, String purpose) {
        return ("rastro data key|" + id + "|" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrap(byte[] kek, int id, String purpose, byte[] key) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(id, purpose));
            byte[] sealed = cipher.doFinal(key);
            return ByteBuffer.allocate(12 + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private static byte[] unwrap(byte[] kek, int id, String purpose, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, wrapped, 0, 12));
            cipher.updateAAD(aad(id, purpose));
            return cipher.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(
                    "the personal-data key file does not open data key " + id + " of this database:"
                            + " it is another database's key file, or the key was rotated and the old file put back",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }
}
