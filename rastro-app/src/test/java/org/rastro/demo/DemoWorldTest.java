package org.rastro.demo;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWorldTest {

    private static List<NamedCsvRecord> read(Path file) throws Exception {
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(file)) {
            return reader.stream().toList();
        }
    }

    @Test
    void theSameSeedGivesTheSameWorldAndAnotherSeedAnother(@TempDir Path dir) throws Exception {
        new DemoWorld(new DemoWorld.Settings(5_000, 7)).writeCsv(dir.resolve("a"));
        new DemoWorld(new DemoWorld.Settings(5_000, 7)).writeCsv(dir.resolve("b"));
        new DemoWorld(new DemoWorld.Settings(5_000, 8)).writeCsv(dir.resolve("c"));
        for (String file : List.of("organisations.csv", "people.csv", "licences.csv", "weapons.csv", "lots.csv")) {
            assertThat(Files.mismatch(
                            dir.resolve("a").resolve(file), dir.resolve("b").resolve(file)))
                    .as(file)
                    .isEqualTo(-1);
        }
        assertThat(Files.mismatch(dir.resolve("a/weapons.csv"), dir.resolve("c/weapons.csv")))
                .isNotEqualTo(-1);
    }

    @Test
    void aBelievableMexico(@TempDir Path dir) throws Exception {
        DemoWorld.Summary summary = new DemoWorld(new DemoWorld.Settings(10_000, 1)).writeCsv(dir);
        assertThat(summary.weapons()).isEqualTo(10_000);
        List<NamedCsvRecord> orgs = read(dir.resolve("organisations.csv"));
        assertThat(orgs.stream().filter(o -> o.getField("kind").equals("MILITARY_REGION")))
                .hasSize(12);
        assertThat(orgs.stream()
                        .filter(o -> o.getField("kind").equals("MILITARY_ZONE"))
                        .count())
                .isBetween(40L, 50L);
        Set<String> codes = new HashSet<>();
        orgs.forEach(o ->
                assertThat(codes.add(o.getField("code"))).as(o.getField("code")).isTrue());

        List<NamedCsvRecord> weapons = read(dir.resolve("weapons.csv"));
        Map<String, Integer> byModel = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (NamedCsvRecord w : weapons) {
            assertThat(w.getField("synthetic")).isEqualTo("true");
            assertThat(keys.add(w.getField("make") + "|" + w.getField("model") + "|" + w.getField("serial")))
                    .isTrue();
            byModel.merge(w.getField("model"), 1, Integer::sum);
        }
        assertThat(byModel.get("FX-05 Xiuhcóatl")).isGreaterThan(byModel.get("M4A1"));
        assertThat(byModel).containsKeys("G3A3", "Minimi", "M203", "MGL Mk1", "M72 LAW", "92FS", "17");
        // Imported weapons name the licence they were delivered against; national ones do not.
        assertThat(weapons.stream().filter(w -> w.getField("model").equals("M4A1")))
                .allSatisfy(w -> assertThat(w.getField("licence_number")).startsWith("US-"));
        assertThat(weapons.stream().filter(w -> w.getField("model").startsWith("FX-05")))
                .allSatisfy(w -> assertThat(w.getField("licence_number")).isEmpty());
        // Every licence line covers at least what was delivered against it.
        Map<String, Long> delivered = new HashMap<>();
        weapons.stream()
                .filter(w -> !w.getField("licence_number").isEmpty())
                .forEach(w -> delivered.merge(w.getField("licence_number"), 1L, Long::sum));
        for (NamedCsvRecord line : read(dir.resolve("licences.csv"))) {
            assertThat(Long.parseLong(line.getField("quantity")))
                    .isGreaterThanOrEqualTo(delivered.getOrDefault(line.getField("number"), 0L));
        }
        assertThat(read(dir.resolve("people.csv")))
                .allSatisfy(p -> assertThat(p.getField("matricula")).startsWith("SX"));
        assertThat(read(dir.resolve("lots.csv")).stream()
                        .map(l -> l.getField("ordnance_type"))
                        .distinct())
                .contains("HAND_GRENADE_FRAG", "CARTRIDGE", "GRENADE_40MM");
    }

    @Test
    void serialFormatsFollowTheirPattern() {
        var random = new SplittableRandom(3);
        assertThat(new SerialFormat("BER######Z").generate(random, 2019)).matches("BER[0-9]{6}Z");
        assertThat(new SerialFormat("FX{yy}######").generate(random, 2019)).matches("FX19[0-9]{6}");
        assertThat(new SerialFormat("@@@###").generate(random, 2019)).matches("[A-HJ-NPR-Z]{3}[0-9]{3}");
    }
}
