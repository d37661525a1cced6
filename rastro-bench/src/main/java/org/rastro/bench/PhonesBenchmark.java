package org.rastro.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rastro.phones.CallRecordImport;
import org.rastro.phones.ImportKind;
import org.rastro.phones.Investigations;
import org.rastro.phones.Locations;
import org.rastro.phones.PhoneAnalyses;
import org.rastro.phones.PhoneGraphs;
import org.rastro.phones.Warrants;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Phone records through the server's own classes on a real PostgreSQL (issue 19): an operator's file of N call
 * records (layout {@code operador-a}: parsing, E.164 numbers, sealing and blind indexes, the warrant's scope,
 * batched inserts in one transaction) imported under a warrant that covers every number; then the contacts of 20
 * phones, and their contacts in common, over what was stored (each query kept and tallied as in the server).
 * Numbers are drawn with a heavy tail (a few phones in most calls), as in real call graphs; cells uniformly from
 * 40,000 (the sectors of a large region; until 2026-12-04 from 4.5 million, more than a national network has, which
 * made the cell index of the records one of random text keys that no investigation's records would give it).
 *
 * <pre>java -jar rastro-bench.jar phones [--records 1000000] [--phones 20000] [--runs 3] [--paths 10]</pre>
 */
final class PhonesBenchmark {

    private static final DateTimeFormatter WRITTEN =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZoneId.of("America/Mexico_City"));

    private PhonesBenchmark() {}

    static void run(String[] args) throws Exception {
        int records = 1_000_000;
        int phones = 20_000;
        int runs = 3;
        int pathPairs = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[i + 1]);
                case "--phones" -> phones = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--paths" -> pathPairs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Phone records: %,d records among %,d phones, JDK %s, %d cores%n",
                records,
                phones,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        Path work = Files.createTempDirectory("rastro-phones-bench-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("shared_buffers", "512MB")
                        .start();
                HikariDataSource ds = BenchDatabase.pool(postgres.getJdbcUrl("postgres", "postgres"), 4)) {
            BenchDatabase.migrate(ds, work.resolve("personal-data.key"));
            PhoneStack stack = PhoneStack.on(ds, work.resolve("personal-data.key"));
            JdbcClient jdbc = stack.jdbc();
            long user = stack.user();
            Investigations investigations = stack.investigations();
            Warrants warrants = stack.warrants();
            CallRecordImport imports = stack.imports();
            PhoneAnalyses analyses = stack.analyses();

            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < phones; i++) {
                numbers.add(String.format(Locale.ROOT, "55%08d", 10_000_000 + i * 37));
            }
            long investigation = investigations.open("BENCH/1", "Benchmark", user);
            long warrant = warrants.record(
                    investigation,
                    new Warrants.Request(
                            "CAUSA BENCH",
                            "Juzgado de Control",
                            "Juez",
                            LocalDate.of(2026, 1, 1),
                            LocalDate.of(2099, 1, 1),
                            Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2027-01-01T00:00:00Z"),
                            numbers,
                            List.of(),
                            List.of()),
                    user);
            SplittableRandom random = new SplittableRandom(19);
            Instant start = Instant.parse("2026-02-01T00:00:00Z");
            // In files of a million rows at most, as operators deliver them; one import each.
            long read = 0;
            double seconds = 0;
            double cpu = 0;
            for (int done = 0; done < records; done += FILE_ROWS) {
                int rows = Math.min(FILE_ROWS, records - done);
                StringBuilder csv = new StringBuilder(rows * 120);
                csv.append(HEADER);
                for (int i = 0; i < rows; i++) {
                    String a = numbers.get(skewed(random, phones));
                    String b = numbers.get(skewed(random, phones));
                    Instant at = start.plusSeconds(random.nextLong(200L * 24 * 3600));
                    row(csv, a, b, at, random, "334-020-" + (1000 + random.nextInt(200)) + "-" + random.nextInt(200));
                }
                byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
                double cpuBefore = MachineCpu.busySeconds();
                long t = System.nanoTime();
                CallRecordImport.Result result = imports.importFile(
                        warrant,
                        "operador-a",
                        ImportKind.CDR,
                        "bench-" + done + ".csv",
                        new ByteArrayInputStream(file),
                        user,
                        Locale.ROOT,
                        null);
                double took = (System.nanoTime() - t) / 1e9;
                cpu += MachineCpu.busySeconds() - cpuBefore;
                seconds += took;
                read += result.rowsRead();
                System.out.printf(
                        Locale.ROOT,
                        "  file %d: %,d records in %.1f s (%,.0f/s)%n",
                        done / FILE_ROWS + 1,
                        result.rowsRead(),
                        took,
                        result.rowsRead() / took);
            }
            System.out.printf(
                    Locale.ROOT,
                    "import: %,d records in %.1f s — %,.0f records/s (one import thread; the database on the other"
                            + " core)%n",
                    read,
                    seconds,
                    read / seconds);
            if (cpu > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "  the machine's cores were busy %.1f s of CPU meanwhile (%.2f cores): %,.0f records per"
                                + " CPU-second (all processes: this one, PostgreSQL, anything else running)%n",
                        cpu,
                        cpu / seconds,
                        read / cpu);
            }
            jdbc.sql("analyze call_record").update();

            long g = System.nanoTime();
            PhoneGraphs.PhoneGraph graph = stack.graphs().of(investigation);
            System.out.printf(
                    Locale.ROOT,
                    "the investigation's contact graph in memory: %,d phones, %,d contacts, built in %.1f s (once per"
                            + " import)%n",
                    graph.graph().nodes(),
                    graph.graph().edges(),
                    (System.nanoTime() - g) / 1e9);
            dumps(stack, investigation, numbers, runs);

            // Twenty of the two hundred busiest phones, every tenth: the heavy end of the degrees.
            List<String> twenty = new ArrayList<>();
            for (int i = 0; i < 200 && i < phones; i += 10) {
                twenty.add(numbers.get(i));
            }
            List<Double> contactMillis = new ArrayList<>();
            List<Double> commonMillis = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                for (String n : twenty) {
                    long c = System.nanoTime();
                    analyses.contacts(investigation, n, "benchmark run", user);
                    contactMillis.add((System.nanoTime() - c) / 1e6);
                }
                long c = System.nanoTime();
                int shared = analyses.common(investigation, twenty, "benchmark run", user)
                        .total();
                commonMillis.add((System.nanoTime() - c) / 1e6);
                System.out.printf(
                        Locale.ROOT,
                        "common contacts of 20 phones, run %d: %.0f ms (%,d numbers)%n",
                        run + 1,
                        commonMillis.getLast(),
                        shared);
            }
            // Paths of up to three hops between a busy phone and a phone drawn anywhere (most are two hops apart).
            List<Double> pathMillis = new ArrayList<>();
            SplittableRandom pairs = new SplittableRandom(23);
            int joined = 0;
            for (int i = 0; i < pathPairs; i++) {
                String from = twenty.get(pairs.nextInt(twenty.size()));
                String to = numbers.get(pairs.nextInt(phones));
                long c = System.nanoTime();
                joined += analyses.paths(investigation, from, to, 3, "benchmark run", user)
                                .isEmpty()
                        ? 0
                        : 1;
                pathMillis.add((System.nanoTime() - c) / 1e6);
            }
            Collections.sort(pathMillis);
            if (pathMillis.isEmpty()) {
                pathMillis.add(0.0);
            }
            System.out.printf(
                    Locale.ROOT,
                    "shortest paths of up to 3 hops (%d pairs, %d joined): median %.1f ms, p95 %.1f ms (goal p95 <= 100 ms)%n",
                    pathMillis.size(),
                    joined,
                    pathMillis.get(pathMillis.size() / 2),
                    pathMillis.get((int) Math.ceil(pathMillis.size() * 0.95) - 1));
            Collections.sort(contactMillis);
            Collections.sort(commonMillis);
            System.out.printf(
                    Locale.ROOT,
                    "contacts of one phone: median %.1f ms, p95 %.1f ms; common contacts of 20 phones: median %.0f ms"
                            + " (goal <= 1 s over 10 M records)%n",
                    contactMillis.get(contactMillis.size() / 2),
                    contactMillis.get((int) Math.ceil(contactMillis.size() * 0.95) - 1),
                    commonMillis.get(commonMillis.size() / 2));
        }
    }

    private static final int FILE_ROWS = 1_000_000;
    private static final String HEADER =
            "NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL\n";

    private static void row(StringBuilder csv, String a, String b, Instant at, SplittableRandom random, String cell) {
        boolean text = random.nextInt(4) == 0;
        csv.append(a)
                .append(',')
                .append(b)
                .append(',')
                .append(WRITTEN.format(at))
                .append(',')
                .append(text ? 0 : random.nextInt(600))
                .append(',')
                .append(text ? "SMS" : "VOZ")
                // Each number in its own handset and SIM, as operators report them on every row.
                .append(",SALIENTE,35")
                .append(a)
                .append("001,33402")
                .append(a)
                .append(',')
                .append(cell)
                .append(",\n");
    }

    /**
     * Ten tower dumps of 50,000 records each (every phone seen at a scene's cell within ten minutes of the crime),
     * imported under their warrants, then the phones seen at two scenes or more (median of the runs).
     */
    private static void dumps(PhoneStack stack, long investigation, List<String> numbers, int runs) {
        Warrants warrants = stack.warrants();
        CallRecordImport imports = stack.imports();
        long user = stack.user();
        SplittableRandom random = new SplittableRandom(29);
        List<Long> dumps = new ArrayList<>();
        for (int scene = 0; scene < 10; scene++) {
            Instant crime = Instant.parse("2026-03-01T20:00:00Z").plusSeconds(scene * 86_400L * 3);
            String cell = "334-020-9000-" + scene;
            long warrant = warrants.record(
                    investigation,
                    new Warrants.Request(
                            "VOLCADO " + scene,
                            "Juzgado de Control",
                            "Juez",
                            LocalDate.of(2026, 1, 1),
                            LocalDate.of(2099, 1, 1),
                            crime.minusSeconds(600),
                            crime.plusSeconds(600),
                            List.of(),
                            List.of(),
                            List.of(cell)),
                    user);
            StringBuilder csv = new StringBuilder(50_000 * 110).append(HEADER);
            for (int i = 0; i < 50_000; i++) {
                // The people around a scene: mostly strangers to each other's scenes (ten million possible numbers),
                // and one in a hundred from the investigation's own phones.
                String seen = random.nextInt(100) == 0
                        ? numbers.get(random.nextInt(numbers.size()))
                        : String.format(Locale.ROOT, "722%07d", random.nextInt(10_000_000));
                row(
                        csv,
                        seen,
                        numbers.get(random.nextInt(numbers.size())),
                        crime.plusSeconds(random.nextInt(1200) - 600),
                        random,
                        cell);
            }
            dumps.add(imports.importFile(
                            warrant,
                            "operador-a",
                            ImportKind.TOWER_DUMP,
                            "volcado-" + scene + ".csv",
                            new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                            user,
                            Locale.ROOT,
                            null)
                    .importId());
        }
        stack.jdbc().sql("analyze call_record").update();
        Locations locations = stack.locations();
        List<Double> millis = new ArrayList<>();
        int found = 0;
        for (int run = 0; run < runs; run++) {
            long t = System.nanoTime();
            found = locations
                    .acrossDumps(investigation, dumps, "benchmark run", user)
                    .total();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "phones common to 10 tower dumps x 50,000 records (+-10 min): %,d phones in two or more; median %.0f ms"
                        + " (goal <= 2 s)%n",
                found,
                millis.get(millis.size() / 2));
    }

    /** A phone index drawn with a heavy tail: the lowest indexes take most calls. */
    private static int skewed(SplittableRandom random, int phones) {
        return (int) (phones * Math.pow(random.nextDouble(), 3));
    }
}
