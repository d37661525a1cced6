package org.rastro.demo;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rastro.phones.CallRecordImport;
import org.rastro.phones.CellSites;
import org.rastro.phones.CustodyNetwork;
import org.rastro.phones.ImportKind;
import org.rastro.phones.Investigations;
import org.rastro.phones.LinkSource;
import org.rastro.phones.Warrants;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's phone records (synthetic): the grenade leak near Toluca told in call records, hidden among tens of
 * thousands of phones whose numbers of contacts follow the real Copenhagen call graph's degree distribution.
 *
 * <p>The soldier who drew the leaking lot's grenades sleeps at Almoloya de Juárez and works at his regiment in
 * Toluca; he calls his supplier, whose phone lives at Military Camp No. 1 in Mexico City; in the two weeks before
 * the delivery he calls three buyers in Tejupilco; on the delivery day he and the first buyer are at Atlacomulco's
 * cells within minutes; three days later the first buyer's number goes silent and a new number takes up his
 * contacts; the second buyer's phone is seen in the tower dumps of three crime scenes where the grenades turned up.
 * Everything goes through the real import: operators' files under warrants, a cell-site list, links by evidence.
 */
final class PhoneWorld {

    static final String INVESTIGATION = "FGR/MEX/2026/0417";
    static final String CAMP = "Campo Militar No. 1, Ciudad de México";
    private static final ZoneId LOCAL = ZoneId.of("America/Mexico_City");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final String HEADER =
            "NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL\n";
    private static final int FILE_ROWS = 100_000;

    /** The planted cast, by role: what the evaluation and the tests look for. */
    record Cast(
            long investigation,
            String soldier,
            String soldierNumber,
            String supplier,
            String supplierNumber,
            String buyer,
            String buyerNewNumber,
            List<String> buyers,
            LocalDate delivery,
            List<Long> dumps,
            String atlacomulcoCell,
            String campCell,
            String almoloyaCell) {}

    private record Site(String municipality, double lat, double lon, String address) {}

    private final JdbcClient jdbc;
    private final Investigations investigations;
    private final Warrants warrants;
    private final CallRecordImport imports;
    private final CellSites cellSites;
    private final CustodyNetwork network;

    PhoneWorld(
            JdbcClient jdbc,
            Investigations investigations,
            Warrants warrants,
            CallRecordImport imports,
            CellSites cellSites,
            CustodyNetwork network) {
        this.jdbc = jdbc;
        this.investigations = investigations;
        this.warrants = warrants;
        this.imports = imports;
        this.cellSites = cellSites;
        this.network = network;
    }

    /** Plants the world with about {@code records} background records; returns who is who. */
    Cast plant(long seed, int records, long userId) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x9e3779b97f4a7c15L);
        // The soldier who drew the leaking lot's fragmentation grenades, and when.
        record Issue(String matricula, LocalDate on) {}
        Issue issue = jdbc.sql("""
                select p.matricula, e.occurred_on from custody_event e
                  join ordnance_lot l on l.id = e.lot_id join person p on p.id = e.person_id
                  join organisation o on o.id = e.organisation_id
                 where e.kind = 'ISSUE' and l.ordnance_type = 'HAND_GRENADE_FRAG' and o.code = :unit
                 order by e.id limit 1
                """)
                .param("unit", DemoHistory.LEAKING_UNIT)
                .query((rs, n) -> new Issue(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("the demo history has no leaking grenades to follow"));
        String supplier = jdbc.sql("""
                select p.matricula from person p join organisation o on o.id = p.unit_id
                 where o.cvegeo like '09%' and p.matricula <> :s order by p.id limit 1
                """)
                .param("s", issue.matricula())
                .query(String.class)
                .optional()
                .orElseGet(() -> jdbc.sql("select matricula from person where matricula <> :s order by id limit 1")
                        .param("s", issue.matricula())
                        .query(String.class)
                        .single());
        LocalDate delivery = issue.on().plusDays(5);
        Instant from = issue.on().minusDays(90).atStartOfDay(LOCAL).toInstant();
        Instant to = issue.on().plusDays(90).atStartOfDay(LOCAL).toInstant();

        // Cells: three sectors at each municipal seat of the State of Mexico and Mexico City, and Camp No. 1.
        Map<String, Site> sites = new LinkedHashMap<>();
        jdbc.sql("""
                select cvegeo, name, seat_lat, seat_lon, cve_ent from municipality
                 where cve_ent in ('09', '15') and seat_lat is not null order by cvegeo
                """)
                .query((rs, n) -> new Site(
                        rs.getString(1),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getString(2) + (rs.getString(5).equals("15") ? ", Méx." : ", CDMX")))
                .list()
                .forEach(s -> sites.put(s.municipality(), s));
        sites.put("CAMP", new Site("CAMP", 19.4450, -99.2150, CAMP));
        StringBuilder list =
                new StringBuilder("cell_id,operator,latitude,longitude,azimuth,beam_width,radius_m,address\n");
        Map<String, List<String>> cellsOf = new LinkedHashMap<>();
        int lac = 100;
        for (Site s : sites.values()) {
            lac++;
            List<String> ids = new ArrayList<>();
            for (int sector = 0; sector < 3; sector++) {
                String id = "334-020-" + lac + "-" + (lac * 10 + sector);
                ids.add(id);
                list.append(String.format(
                        Locale.ROOT,
                        "%s,Operador sintético,%.6f,%.6f,%d,120,%d,\"%s (sintético)\"%n",
                        id,
                        s.lat(),
                        s.lon(),
                        sector * 120,
                        s.municipality().equals("CAMP") ? 900 : 2500,
                        s.address()));
            }
            cellsOf.put(s.municipality(), ids);
        }
        cellSites.list(new StringReader(list.toString()), userId, Locale.ROOT);
        List<String> region = cellsOf.values().stream().flatMap(List::stream).toList();
        List<String> municipalities = List.copyOf(cellsOf.keySet());

        long investigation =
                investigations.open(INVESTIGATION, "Granadas de Tejupilco (demostración sintética)", userId);

        // The cast's numbers (synthetic, Toluca 722, Tejupilco 724, Mexico City 55).
        Numbers numbers = new Numbers(random);
        String soldierNumber = numbers.next("722");
        String supplierNumber = numbers.next("55");
        String buyer = numbers.next("724");
        String buyerNew = numbers.next("724");
        String buyer2 = numbers.next("724");
        String buyer3 = numbers.next("724");
        Rows story = new Rows();
        Phone soldier = new Phone(
                soldierNumber, cellsOf.get("15005").get(1), cellsOf.get("15106").get(0), random);
        Phone supplierPhone = new Phone(
                supplierNumber, cellsOf.get("CAMP").get(0), cellsOf.get("CAMP").get(1), random);
        Phone b1 = new Phone(
                buyer, cellsOf.get("15082").get(0), cellsOf.get("15082").get(1), random);
        Phone b1new = new Phone(
                buyerNew, cellsOf.get("15082").get(2), cellsOf.get("15082").get(1), random);
        b1new.imei = b1.imei; // a new SIM in the same handset
        Phone b2 = new Phone(
                buyer2, cellsOf.get("15082").get(1), cellsOf.get("15082").get(0), random);
        Phone b3 = new Phone(
                buyer3, cellsOf.get("15082").get(2), cellsOf.get("15082").get(0), random);
        Instant deliveryAt = delivery.atTime(14, 0).atZone(LOCAL).toInstant();
        Instant silent = deliveryAt.plusSeconds(3 * 86_400);
        // Family and friends: each cast member has a handful of background contacts (numbers of the crowd).
        List<Phone> crowd = new ArrayList<>();
        int phones = Math.max(2_000, records / 35);
        for (int i = 0; i < phones; i++) {
            String m = municipalities.get(random.nextInt(municipalities.size()));
            String w = municipalities.get(random.nextInt(municipalities.size()));
            crowd.add(new Phone(
                    numbers.next(random.nextBoolean() ? "722" : "55"),
                    cellsOf.get(m).get(random.nextInt(3)),
                    cellsOf.get(w).get(random.nextInt(3)),
                    random));
        }
        // The soldier and his supplier, the whole period, a few times a week.
        story.calls(soldier, supplierPhone, from, to, 70, random);
        // The buyers in the two weeks before the delivery.
        Instant before = deliveryAt.minusSeconds(14 * 86_400);
        for (Phone b : List.of(b1, b2, b3)) {
            story.calls(soldier, b, before, deliveryAt, 8 + random.nextInt(5), random);
        }
        story.calls(b1, b2, from, silent, 25, random);
        story.calls(b1, b3, from, silent, 20, random);
        story.calls(b2, b3, from, to, 30, random);
        // The first buyer's own circle; after he goes silent, the new number calls most of the same people.
        List<Phone> circle = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            circle.add(crowd.get(random.nextInt(crowd.size())));
        }
        for (Phone c : circle) {
            story.calls(b1, c, from, silent, 6 + random.nextInt(6), random);
        }
        story.calls(b1new, b2, silent.plusSeconds(86_400), to, 20, random);
        story.calls(b1new, b3, silent.plusSeconds(86_400), to, 15, random);
        for (Phone c : circle.subList(0, 8)) {
            story.calls(b1new, c, silent.plusSeconds(86_400), to, 5 + random.nextInt(5), random);
        }
        for (Phone p : List.of(soldier, supplierPhone, b2, b3)) {
            for (int i = 0; i < 8; i++) {
                story.calls(p, crowd.get(random.nextInt(crowd.size())), from, to, 5 + random.nextInt(10), random);
            }
        }
        // The delivery: both at Atlacomulco's cells on the day, minutes apart.
        List<String> atlacomulco = cellsOf.get("15014");
        story.at(soldier, b3, deliveryAt.plusSeconds(5 * 60), atlacomulco.get(0));
        story.at(b1, b2, deliveryAt.plusSeconds(9 * 60), atlacomulco.get(1));
        story.at(soldier, supplierPhone, deliveryAt.plusSeconds(22 * 60), atlacomulco.get(1));
        story.at(b1, b3, deliveryAt.plusSeconds(27 * 60), atlacomulco.get(0));

        long cdrWarrant = warrants.record(
                investigation,
                new Warrants.Request(
                        "JC-TOL/2026/0417-A",
                        "Juzgado de Control del Distrito Judicial de Toluca",
                        "Jueza de control (sintética)",
                        LocalDate.now().minusDays(20),
                        LocalDate.now().plusMonths(6),
                        from,
                        to,
                        List.of(soldierNumber, supplierNumber, buyer, buyerNew, buyer2, buyer3),
                        List.of(),
                        List.of()),
                userId);
        importRows(cdrWarrant, ImportKind.CDR, "cdr-objetivos.csv", story.rows, userId);

        // The crowd's records: a geofenced warrant over the region's cells. Degrees follow the Copenhagen graph.
        long regionWarrant = warrants.record(
                investigation,
                new Warrants.Request(
                        "JC-TOL/2026/0417-B",
                        "Juzgado de Control del Distrito Judicial de Toluca",
                        "Jueza de control (sintética)",
                        LocalDate.now().minusDays(20),
                        LocalDate.now().plusMonths(6),
                        from,
                        to,
                        List.of(),
                        List.of(),
                        region),
                userId);
        int[] degrees = CallGraphDegrees.copenhagen();
        List<Integer> stubs = new ArrayList<>();
        for (int p = 0; p < crowd.size(); p++) {
            int d = degrees[random.nextInt(degrees.length)];
            for (int k = 0; k < d; k++) {
                stubs.add(p);
            }
        }
        for (int i = stubs.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = stubs.get(i);
            stubs.set(i, stubs.get(j));
            stubs.set(j, t);
        }
        int pairs = stubs.size() / 2;
        int perPair = Math.max(1, records / Math.max(1, pairs));
        Rows crowdRows = new Rows();
        int file = 0;
        for (int i = 0; i + 1 < stubs.size(); i += 2) {
            Phone a = crowd.get(stubs.get(i));
            Phone b = crowd.get(stubs.get(i + 1));
            if (a == b) {
                continue;
            }
            crowdRows.calls(a, b, from, to, 1 + random.nextInt(2 * perPair), random);
            if (crowdRows.count >= FILE_ROWS) {
                importRows(regionWarrant, ImportKind.CDR, "geocerca-" + (++file) + ".csv", crowdRows.rows, userId);
                crowdRows = new Rows();
            }
        }
        if (crowdRows.count > 0) {
            importRows(regionWarrant, ImportKind.CDR, "geocerca-" + (++file) + ".csv", crowdRows.rows, userId);
        }

        // Tower dumps at three crime scenes where the grenades turned up; the second buyer is at all three.
        List<Long> dumps = new ArrayList<>();
        String[] scenes = {"15033", "15058", "15025"};
        for (int s = 0; s < scenes.length; s++) {
            Instant at = deliveryAt.plusSeconds((20L + 7 * s) * 86_400 + 3600 * (s + 1));
            List<String> cells = cellsOf.get(scenes[s]);
            long dumpWarrant = warrants.record(
                    investigation,
                    new Warrants.Request(
                            "JC-TOL/2026/0417-D" + (s + 1),
                            "Juzgado de Control del Distrito Judicial de Toluca",
                            "Jueza de control (sintética)",
                            LocalDate.now().minusDays(10),
                            LocalDate.now().plusMonths(6),
                            at.minusSeconds(3600),
                            at.plusSeconds(3600),
                            List.of(),
                            List.of(),
                            cells),
                    userId);
            Rows dump = new Rows();
            for (int i = 0; i < 400; i++) {
                Phone p = new Phone(numbers.next("55"), cells.get(random.nextInt(3)), cells.get(0), random);
                dump.at(
                        p,
                        crowd.get(random.nextInt(crowd.size())),
                        at.plusSeconds(random.nextInt(7200) - 3600),
                        p.home);
            }
            dump.at(b2, crowd.get(random.nextInt(crowd.size())), at.plusSeconds(random.nextInt(600)), cells.get(s % 3));
            dumps.add(importRows(dumpWarrant, ImportKind.TOWER_DUMP, "volcado-" + (s + 1) + ".csv", dump.rows, userId));
        }

        network.link(
                investigation,
                issue.matricula(),
                soldierNumber,
                LinkSource.DECLARED,
                "Número declarado en su expediente de personal (sintético)",
                userId);
        network.link(
                investigation,
                supplier,
                supplierNumber,
                LinkSource.SUBSCRIBER_RECORD,
                "Oficio del operador 4471/2026: titular de la línea (sintético)",
                userId);
        return new Cast(
                investigation,
                issue.matricula(),
                "+52" + soldierNumber.replace(" ", ""),
                supplier,
                "+52" + supplierNumber.replace(" ", ""),
                "+52" + buyer.replace(" ", ""),
                "+52" + buyerNew.replace(" ", ""),
                List.of(
                        "+52" + buyer.replace(" ", ""),
                        "+52" + buyer2.replace(" ", ""),
                        "+52" + buyer3.replace(" ", "")),
                delivery,
                dumps,
                atlacomulco.get(0),
                cellsOf.get("CAMP").get(0),
                cellsOf.get("15005").get(1));
    }

    private long importRows(long warrant, ImportKind kind, String name, StringBuilder rows, long userId) {
        byte[] file = (HEADER + rows).getBytes(StandardCharsets.UTF_8);
        return imports.importFile(
                        warrant, "operador-a", kind, name, new ByteArrayInputStream(file), userId, Locale.ROOT, null)
                .importId();
    }

    /** Distinct synthetic numbers: an area code and a scrambled counter. */
    private static final class Numbers {
        private final Set<String> used = new HashSet<>();
        private final SplittableRandom random;

        Numbers(SplittableRandom random) {
            this.random = random;
        }

        String next(String area) {
            while (true) {
                int digits = 10 - area.length();
                long n = random.nextLong((long) Math.pow(10, digits - 1), (long) Math.pow(10, digits));
                String number = area + " " + n;
                if (used.add(number)) {
                    return number;
                }
            }
        }
    }

    /** A phone of the world: its number, handset and SIM, where it sleeps and where it works. */
    private static final class Phone {
        final String number;
        String imei;
        final String imsi;
        final String home;
        final String work;

        Phone(String number, String home, String work, SplittableRandom random) {
            this.number = number;
            this.imei = "35" + String.format(Locale.ROOT, "%013d", random.nextLong(10_000_000_000_000L));
            this.imsi = "334020" + String.format(Locale.ROOT, "%09d", random.nextLong(1_000_000_000L));
            this.home = home;
            this.work = work;
        }

        /** Where the phone is at that moment: home at night and at weekends, at work on weekdays' working hours. */
        String cellAt(Instant at) {
            ZonedDateTime local = at.atZone(LOCAL);
            int hour = local.getHour();
            boolean weekday = local.getDayOfWeek().getValue() <= 5;
            return weekday && hour >= 9 && hour < 18 ? work : home;
        }
    }

    /** Rows of operador-a's layout. */
    private static final class Rows {
        final StringBuilder rows = new StringBuilder();
        int count;

        /** {@code n} calls or texts between two phones in a period, either side calling, at plausible hours. */
        void calls(Phone a, Phone b, Instant from, Instant to, int n, SplittableRandom random) {
            long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
            for (int i = 0; i < n; i++) {
                Instant at = from.plusSeconds(random.nextLong(span));
                ZonedDateTime local = at.atZone(LOCAL);
                // Fewer calls in the small hours: move most of them into the day.
                if (local.getHour() < 7 && random.nextInt(4) > 0) {
                    at = at.plusSeconds(8 * 3600);
                }
                boolean aCalls = random.nextBoolean();
                Phone caller = aCalls ? a : b;
                Phone called = aCalls ? b : a;
                boolean text = random.nextInt(10) < 3;
                add(caller, called, at, text ? 0 : 20 + random.nextInt(400), text ? "SMS" : "VOZ", caller.cellAt(at));
            }
        }

        /** A call from {@code a} to {@code b} with {@code a} at a given cell. */
        void at(Phone a, Phone b, Instant at, String cell) {
            add(a, b, at, 45, "VOZ", cell);
        }

        private void add(Phone a, Phone b, Instant at, int seconds, String kind, String cell) {
            rows.append(a.number)
                    .append(',')
                    .append(b.number)
                    .append(',')
                    .append(DATE.format(at.atZone(LOCAL)))
                    .append(',')
                    .append(seconds)
                    .append(',')
                    .append(kind)
                    .append(",SALIENTE,")
                    .append(a.imei)
                    .append(',')
                    .append(a.imsi)
                    .append(',')
                    .append(cell)
                    .append(',')
                    .append(cell)
                    .append('\n');
            count++;
        }
    }
}
