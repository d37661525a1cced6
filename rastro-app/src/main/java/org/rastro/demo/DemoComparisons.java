package org.rastro.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rastro.comparisons.Comparisons;
import org.rastro.sharing.Psi;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's foreign partner: an agreement with the demo account {@code socio} (United States) to compare a list
 * of exported serial numbers with the registry, and that list as the partner would hold it — a CSV in {@code
 * <data-dir>/demo-partner/} of US-made weapons, some of which the registry holds (written the partner's way:
 * other case, dashes), the rest exported elsewhere. All synthetic.
 */
final class DemoComparisons {

    private final JdbcClient jdbc;
    private final Comparisons comparisons;

    DemoComparisons(JdbcClient jdbc, Comparisons comparisons) {
        this.jdbc = jdbc;
        this.comparisons = comparisons;
    }

    /** The agreement's number and the partner's list, made once; returns the agreement's number. */
    long prepare(Path dataDir, long seed, long admin) {
        record Ours(String make, String serial) {}
        List<Ours> registered = jdbc.sql("""
                select m.name as make, w.serial_as_marked as serial from weapon w join manufacturer m on m.id = w.manufacturer_id
                 where m.country = 'US' order by w.id limit 60
                """).query(Ours.class).list();
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("make,serial,model,exported_on\n");
        for (Ours o : registered) {
            // The partner's own writing of the same weapon.
            String serial = o.serial().length() > 3
                    ? o.serial().substring(0, 3) + "-" + o.serial().substring(3)
                    : o.serial();
            csv.append('"')
                    .append(o.make().toUpperCase(Locale.ROOT))
                    .append("\",")
                    .append(serial.toLowerCase(Locale.ROOT))
                    .append(",,2019-0")
                    .append(1 + random.nextInt(9))
                    .append("-15\n");
        }
        String[] makes = {"Colt", "Barrett", "Smith & Wesson", "Sig Sauer", "Ruger"};
        for (int i = 0; i < 240; i++) {
            // Distinct serials no registry weapon has: the partner's exports that went elsewhere.
            csv.append('"')
                    .append(makes[random.nextInt(makes.length)])
                    .append("\",EXP")
                    .append(String.format(Locale.ROOT, "%07d", 1_000_000 + i * 4_111))
                    .append(",,2020-0")
                    .append(1 + random.nextInt(9))
                    .append("-01\n");
        }
        Path dir = dataDir.resolve("demo-partner");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("exportaciones-eeuu.csv"), csv.toString(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("LEAME.txt"), """
                    Lista ficticia de un socio extranjero (demo de Rastro): armas exportadas por fabricantes de
                    EE. UU. Todos los números de serie son sintéticos. Compárela con el registro sin entregarla:
                      ./rastro psi compare --agreement N --items exportaciones-eeuu.csv --user socio --password-file pw.txt
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo partner's list: " + e.getMessage(), e);
        }
        return comparisons.agree(
                "socio",
                "Armas exportadas por EE. UU. contra el registro (demo)",
                Psi.Mode.INTERSECTION,
                5000,
                20000,
                30,
                LocalDate.now().plusYears(1),
                null,
                admin);
    }
}
