package org.rastro.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Unique personal strings go in through every door that takes personal data (a people import, a trace's
 * possessor, the name and document searches), come back out readable to those allowed, and are then
 * looked for where an intruder would look: every file of the data directory (the database's tables, its
 * WAL, its logs), a dump of the database, and the application's log. Zero plaintext hits.
 */
@ExtendWith(OutputCaptureExtension.class)
class CanaryTest extends IntegrationTest {

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Value("${rastro.db.url:}")
    String externalUrl;

    @Value("${rastro.db.owner-user:}")
    String externalOwner;

    @Value("${rastro.db.owner-password:}")
    String externalOwnerPassword;

    @Test
    void noPersonalStringIsFoundInPlaintextInTheDatabaseFilesADumpOrTheLogs(CapturedOutput output) throws Exception {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        String tag = HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
        String given = "Canariogiven" + tag;
        String surnames = "Canariosurname" + tag;
        String document = "CANARIODOC" + tag;
        String possessor = "Canariopossessor" + tag;
        String matricula = "CN" + tag.substring(0, 10);
        List<String> canaries = List.of(given, surnames, document, possessor);

        Api api = api();
        // In through a people import ...
        Api.Response imported = api.post(
                "/api/v1/imports/people",
                api.token("registro"),
                "text/csv",
                "matricula,rank,unit_code,given_names,surnames\n" + matricula + ",Cabo,BI-89," + given + "," + surnames
                        + "\n");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        // ... and a trace's possessor, with an identity document.
        String serial = jdbc.sql("select serial_as_marked from weapon order by id limit 1")
                .query(String.class)
                .single();
        Api.Response traced = api.post(
                "/api/v1/traces",
                api.token("analista"),
                "application/json",
                api.json(Map.of(
                        "recovery",
                                Map.of(
                                        "caseNumber",
                                        "CANARIO-" + tag,
                                        "agency",
                                        "POL-MEX",
                                        "recoveredOn",
                                        "2026-11-01"),
                        "weapon", Map.of("serialAsRead", serial),
                        "people",
                                List.of(Map.of(
                                        "role",
                                        "POSSESSOR",
                                        "givenNames",
                                        possessor,
                                        "surnames",
                                        surnames,
                                        "birthDate",
                                        "1990-01-02",
                                        "idDocument",
                                        document)))));
        assertThat(traced.status()).as(traced.body()).isEqualTo(201);
        long trace = traced.json().path("traceId").asLong();

        // Out again, readable, to those allowed; and found by the equality searches.
        String registro = api.token("registro");
        assertThat(api.get("/api/v1/people/" + matricula, registro)
                        .json()
                        .path("givenNames")
                        .asString())
                .isEqualTo(given);
        assertThat(api.get("/api/v1/traces/" + trace + "/people", api.token("analista"))
                        .body())
                .contains(possessor, document, "1990-01-02");
        assertThat(api.get(
                                "/api/v1/people?givenNames=" + Browser.enc(given.toLowerCase()) + "&surnames="
                                        + Browser.enc(surnames),
                                registro)
                        .body())
                .contains(matricula);
        assertThat(api.get("/api/v1/traces/possessors?document=" + Browser.enc(document), api.token("analista"))
                        .json()
                        .path("traces")
                        .toString())
                .contains(String.valueOf(trace));

        // Everything on disk now: tables, WAL (the embedded server's files are in the data directory; an
        // external server's are not ours to read, and its owner account may not checkpoint).
        if (externalUrl.isBlank()) {
            try (Connection c = owner.getConnection()) {
                c.createStatement().execute("checkpoint");
            }
        }

        // The data directory: the database's files (tables, indexes, WAL, its logs), the demo world, the keys.
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = readQuietly(file);
                for (String canary : canaries) {
                    if (contains(bytes, canary)) {
                        hits.add(canary + " in " + dataDir().relativize(file));
                    }
                }
            }
        }

        // A dump of the database.
        Dump dump = dump();
        assertThat(dump.text())
                .as("the dump holds the registry (" + dump.how() + ")")
                .contains(serial, matricula);
        for (String canary : canaries) {
            if (dump.text().contains(canary)) {
                hits.add(canary + " in " + dump.how());
            }
        }

        // The application's log, over the whole test.
        for (String canary : canaries) {
            if (output.getAll().contains(canary)) {
                hits.add(canary + " in the log");
            }
        }
        assertThat(hits).isEmpty();
        // The audit trail kept the searches, without their values.
        assertThat(jdbc.sql("select path from audit_event where path like '/api/v1/people?%' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("/api/v1/people?givenNames=*&surnames=*");
    }

    private record Dump(String text, String how) {}

    /**
     * {@code pg_dump} when this machine has one for the server's major version (CI's external PostgreSQL
     * 15); against the embedded server, whose bundle has no pg_dump, the dump's data section taken the way
     * pg_dump takes it: {@code COPY ... TO STDOUT} of every table.
     */
    private Dump dump() throws Exception {
        int server;
        try (Connection c = owner.getConnection()) {
            server = c.getMetaData().getDatabaseMajorVersion();
        }
        for (Path bin : pgDumpCandidates()) {
            if (Files.isExecutable(bin) && majorOf(bin) == server) {
                return new Dump(pgDump(bin), bin.toString());
            }
        }
        StringBuilder text = new StringBuilder();
        try (Connection c = owner.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (var rs = c.createStatement()
                    .executeQuery(
                            "select quote_ident(tablename) from pg_tables where schemaname = 'public' order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                copy.copyOut("copy " + table + " to stdout", out);
                text.append("-- ").append(table).append('\n').append(out.toString(StandardCharsets.UTF_8));
            }
        }
        return new Dump(text.toString(), "COPY TO STDOUT of every table (no pg_dump " + server + " on this machine)");
    }

    private static List<Path> pgDumpCandidates() throws IOException {
        List<Path> out = new ArrayList<>();
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                dirs.map(d -> d.resolve("bin/pg_dump")).forEach(out::add);
            }
        }
        return out;
    }

    private static int majorOf(Path pgDump) throws Exception {
        Process p = new ProcessBuilder(pgDump.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        var m = Pattern.compile("(\\d+)\\.").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private String pgDump(Path bin) throws Exception {
        String url = externalUrl.isBlank()
                ? jdbc.sql("select 'jdbc:postgresql://localhost:' || current_setting('port') || '/'"
                                + " || current_database()")
                        .query(String.class)
                        .single()
                : externalUrl;
        var m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(url);
        assertThat(m.find()).as(url).isTrue();
        ProcessBuilder pb = new ProcessBuilder(
                bin.toString(),
                "-h",
                m.group(1),
                "-p",
                m.group(2),
                "-U",
                externalOwner.isBlank() ? "postgres" : externalOwner,
                "--no-password",
                m.group(3));
        if (!externalOwnerPassword.isBlank()) {
            pb.environment().put("PGPASSWORD", externalOwnerPassword);
        } else if (externalUrl.isBlank()) {
            // The embedded superuser's password: its owner-only file beside the database.
            pb.environment()
                    .put(
                            "PGPASSWORD",
                            Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(Files.readAllBytes(dataDir().resolve("db-owner.secret"))));
        }
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("pg_dump exit").isZero();
        return text;
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // A file removed while walking (a WAL segment recycled, a temporary file): nothing to search.
            if (Files.exists(file)) {
                throw new UncheckedIOException(e);
            }
            return new byte[0];
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
