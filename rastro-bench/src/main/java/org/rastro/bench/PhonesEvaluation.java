package org.rastro.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.rastro.demo.CallGraphDegrees;
import org.rastro.phones.Churn;
import org.rastro.phones.ImportKind;
import org.rastro.phones.Locations;
import org.rastro.phones.NetworkMeasures;
import org.rastro.phones.PhoneNumbers;
import org.rastro.phones.Warrants;

/**
 * Planted networks recovered by the server's own analyses (issue 19): generated worlds of phones whose numbers of
 * contacts follow the Copenhagen call graph, living at home and work cells of a grid of antennas, with known
 * answers planted in each — a broker (the only link between two tight groups), three replaced numbers (silent
 * half-way, a new number taking up most of their contacts) and three meetings (two phones that never call each
 * other at the same antenna within minutes, far from home). Each world is imported as operators' files under a
 * warrant, then asked as an investigator would: the brokers (betweenness) around two of the case's targets, the
 * replaced phones, each planted
 * phone's meetings. Precision and recall of what comes first, over all worlds.
 *
 * <pre>java -Xmx4g -jar rastro-bench.jar phones-eval [--worlds 5] [--phones 3000] [--seed 1]</pre>
 */
final class PhonesEvaluation {

    private static final ZoneId LOCAL = ZoneId.of("America/Mexico_City");
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final String HEADER =
            "NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL\n";
    private static final int GRID = 20;
    private static final Instant START = Instant.parse("2026-03-01T06:00:00Z");
    private static final int DAYS = 90;

    private PhonesEvaluation() {}

    static void run(String[] args) throws Exception {
        int worlds = 5;
        int phones = 3_000;
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--worlds" -> worlds = Integer.parseInt(args[i + 1]);
                case "--phones" -> phones = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("rastro-phones-eval-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(work.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start();
                HikariDataSource ds = BenchDatabase.pool(postgres.getJdbcUrl("postgres", "postgres"), 4)) {
            BenchDatabase.migrate(ds, work.resolve("personal-data.key"));
            PhoneStack stack = PhoneStack.on(ds, work.resolve("personal-data.key"));
            List<String> cells = cells(stack);
            int[] degrees = CallGraphDegrees.copenhagen();
            int brokerHits = 0;
            List<Integer> brokerRanks = new ArrayList<>();
            int replacedFound = 0;
            int replacedReported = 0;
            int meetingHits = 0;
            int meetingsAsked = 0;
            for (int w = 0; w < worlds; w++) {
                World world = new World(new SplittableRandom(seed * 1_000 + w), phones, cells, degrees, w);
                long investigation = world.load(stack, w);
                // Brokers: where the planted broker comes in betweenness.
                // Asked as an investigator would: around two of the case's targets (one of each group), two hops.
                NetworkMeasures.Measures m =
                        stack.measures().of(investigation, 100, world.targets, 2, "evaluation", stack.user());
                int rank = 0;
                for (int i = 0; i < m.brokers().size(); i++) {
                    if (m.brokers().get(i).number().equals(world.broker)) {
                        rank = i + 1;
                    }
                }
                brokerRanks.add(rank == 0 ? 101 : rank);
                brokerHits += rank == 1 ? 1 : 0;
                // Replaced phones: the first three the investigation-wide scan reports.
                List<Churn.Replacement> replaced = stack.churn().replaced(investigation, "evaluation", stack.user());
                for (Churn.Replacement r : replaced.subList(0, Math.min(3, replaced.size()))) {
                    replacedReported++;
                    if (world.replaced.contains(r.old() + ">" + r.number())) {
                        replacedFound++;
                    }
                }
                // Meetings: each planted phone's first meeting is with its planted partner.
                int worldMeetings = 0;
                for (String[] pair : world.meetings) {
                    meetingsAsked++;
                    List<Locations.Meeting> met =
                            stack.locations().meetings(investigation, pair[0], null, 10, "evaluation", stack.user());
                    if (!met.isEmpty() && met.getFirst().with().equals(pair[1])) {
                        worldMeetings++;
                    }
                }
                meetingHits += worldMeetings;
                System.out.printf(
                        Locale.ROOT,
                        "world %d: around the targets %,d phones, %,d contacts; broker at rank %s; replaced %s; meetings found %d of 3%n",
                        w + 1,
                        m.phones(),
                        m.contacts(),
                        rank == 0 ? ">100" : String.valueOf(rank),
                        replaced.stream()
                                .limit(3)
                                .map(r -> world.replaced.contains(r.old() + ">" + r.number()) ? "hit" : "miss")
                                .toList(),
                        worldMeetings);
            }
            Collections.sort(brokerRanks);
            System.out.printf(
                    Locale.ROOT,
                    "broker at rank 1 (betweenness within two hops of two targets) in %d of %d worlds (median rank %d)%n",
                    brokerHits,
                    worlds,
                    brokerRanks.get(brokerRanks.size() / 2));
            System.out.printf(
                    Locale.ROOT,
                    "replaced phones: precision %.2f (%d of the %d first three reported were planted), recall %.2f (%d of %d planted)%n",
                    replacedReported == 0 ? 0 : (double) replacedFound / replacedReported,
                    replacedFound,
                    replacedReported,
                    (double) replacedFound / (3.0 * worlds),
                    replacedFound,
                    3 * worlds);
            System.out.printf(
                    Locale.ROOT,
                    "meetings: the planted partner first for %d of %d planted phones (recall and precision at rank 1 %.2f)%n",
                    meetingHits,
                    meetingsAsked,
                    (double) meetingHits / meetingsAsked);
        }
    }

    /** A grid of sites 3 km apart around Toluca, three 120° sectors of 2 km each: neighbours see each other. */
    private static List<String> cells(PhoneStack stack) {
        StringBuilder list =
                new StringBuilder("cell_id,operator,latitude,longitude,azimuth,beam_width,radius_m,address\n");
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                for (int s = 0; s < 3; s++) {
                    String id = "334-020-" + (100 + r) + "-" + (c * 10 + s);
                    ids.add(id);
                    list.append(String.format(
                            Locale.ROOT,
                            "%s,Evaluación,%.5f,%.5f,%d,120,2000,sitio %d-%d%n",
                            id,
                            19.0 + r * 0.027,
                            -99.9 + c * 0.0285,
                            s * 120,
                            r,
                            c));
                }
            }
        }
        stack.cells().list(new StringReader(list.toString()), stack.user(), Locale.ROOT);
        return ids;
    }

    /** One generated world: its phones' records, and the planted answers. */
    private static final class World {
        final SplittableRandom random;
        final List<String> cells;
        final List<String> numbers = new ArrayList<>();
        final List<String> home = new ArrayList<>();
        final List<String> work = new ArrayList<>();
        final StringBuilder rows = new StringBuilder(HEADER);
        final Set<String> replaced = new HashSet<>();
        final List<String[]> meetings = new ArrayList<>();
        String broker;
        List<String> targets;

        World(SplittableRandom random, int phones, List<String> cells, int[] degrees, int w) {
            this.random = random;
            this.cells = cells;
            for (int i = 0; i < phones + 40; i++) {
                numbers.add(String.format(Locale.ROOT, "7%d%08d", 2 + w % 7, 10_000_000 + i * 7 + w));
                home.add(cells.get(random.nextInt(cells.size())));
                work.add(cells.get(random.nextInt(cells.size())));
            }
            // The crowd: a configuration model on the Copenhagen degrees.
            List<Integer> stubs = new ArrayList<>();
            for (int p = 0; p < phones; p++) {
                for (int k = degrees[random.nextInt(degrees.length)]; k > 0; k--) {
                    stubs.add(p);
                }
            }
            for (int i = stubs.size() - 1; i > 0; i--) {
                Collections.swap(stubs, i, random.nextInt(i + 1));
            }
            for (int i = 0; i + 1 < stubs.size(); i += 2) {
                if (!stubs.get(i).equals(stubs.get(i + 1))) {
                    calls(stubs.get(i), stubs.get(i + 1), 0, DAYS, 2 + random.nextInt(12));
                }
            }
            // The broker: the only link between two tight groups of eight.
            int b = phones;
            broker = e164(b);
            for (int g = 0; g < 2; g++) {
                for (int i = 0; i < 8; i++) {
                    int member = phones + 1 + g * 8 + i;
                    calls(b, member, 0, DAYS, 6 + random.nextInt(6));
                    // Each member has a life of its own: two contacts in the crowd.
                    calls(member, random.nextInt(phones), 0, DAYS, 3);
                    calls(member, random.nextInt(phones), 0, DAYS, 3);
                    for (int j = i + 1; j < 8; j++) {
                        calls(member, phones + 1 + g * 8 + j, 0, DAYS, 4 + random.nextInt(6));
                    }
                }
            }
            targets = List.of(e164(phones + 1), e164(phones + 9));
            // Three replaced numbers: silent at day 45; a new number takes up nine of their twelve contacts.
            for (int k = 0; k < 3; k++) {
                int old = phones + 17 + 2 * k;
                int successor = old + 1;
                List<Integer> contacts = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    contacts.add(random.nextInt(phones));
                }
                for (int c : contacts) {
                    calls(old, c, 0, 45, 3 + random.nextInt(5));
                }
                for (int c : contacts.subList(0, 9)) {
                    calls(successor, c, 46, DAYS, 3 + random.nextInt(5));
                }
                calls(successor, random.nextInt(phones), 46, DAYS, 3);
                replaced.add(e164(old) + ">" + e164(successor));
            }
            // Three meetings: two phones of the crowd that never call each other, at one far antenna, minutes apart.
            for (int k = 0; k < 3; k++) {
                int x = phones + 23 + 2 * k;
                int y = x + 1;
                for (int i = 0; i < 6; i++) {
                    calls(x, random.nextInt(phones), 0, DAYS, 4);
                    calls(y, random.nextInt(phones), 0, DAYS, 4);
                }
                String site = cells.get(random.nextInt(cells.size()));
                String other = site.substring(0, site.length() - 1) + ((site.charAt(site.length() - 1) - '0' + 1) % 3);
                Instant at = START.plusSeconds((20L + 20 * k) * 86_400 + 7 * 3600);
                row(x, random.nextInt(phones), at, site);
                row(y, random.nextInt(phones), at.plusSeconds(240), other);
                meetings.add(new String[] {e164(x), e164(y)});
            }
        }

        String e164(int phone) {
            return PhoneNumbers.e164(numbers.get(phone)).orElseThrow();
        }

        /** {@code n} calls between two phones between two days, either calling, from home or work. */
        void calls(int a, int b, int fromDay, int toDay, int n) {
            for (int i = 0; i < n; i++) {
                Instant at = START.plusSeconds(
                        (fromDay + random.nextInt(Math.max(1, toDay - fromDay))) * 86_400L + random.nextInt(15 * 3600));
                int caller = random.nextBoolean() ? a : b;
                ZonedDateTime local = at.atZone(LOCAL);
                boolean working = local.getDayOfWeek().getValue() <= 5 && local.getHour() >= 9 && local.getHour() < 18;
                row(caller, caller == a ? b : a, at, working ? work.get(caller) : home.get(caller));
            }
        }

        void row(int a, int b, Instant at, String cell) {
            rows.append(numbers.get(a))
                    .append(',')
                    .append(numbers.get(b))
                    .append(',')
                    .append(WRITTEN.format(at.atZone(LOCAL)))
                    .append(",60,VOZ,SALIENTE,,,")
                    .append(cell)
                    .append(',')
                    .append(cell)
                    .append('\n');
        }

        /** The world as an investigation: a warrant over the grid's cells, the records as one operator's file. */
        long load(PhoneStack stack, int w) {
            long investigation = stack.investigations().open("EVAL/" + w, "Evaluación " + w, stack.user());
            long warrant = stack.warrants()
                    .record(
                            investigation,
                            new Warrants.Request(
                                    "EVAL " + w,
                                    "Juzgado de Control",
                                    "Juez",
                                    LocalDate.of(2026, 1, 1),
                                    LocalDate.of(2099, 1, 1),
                                    START.minusSeconds(86_400),
                                    START.plusSeconds((DAYS + 2) * 86_400L),
                                    List.of(),
                                    List.of(),
                                    cells),
                            stack.user());
            stack.imports()
                    .importFile(
                            warrant,
                            "operador-a",
                            ImportKind.CDR,
                            "mundo-" + w + ".csv",
                            new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)),
                            stack.user(),
                            Locale.ROOT,
                            null);
            return investigation;
        }
    }
}
