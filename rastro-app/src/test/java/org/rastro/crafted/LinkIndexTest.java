package org.rastro.crafted;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The array-based index scores exactly what the link model explains: on every pair of generated worlds (other
 * seeds, fewer or more fields recorded, more noise) the two exponents agree, the index offers exactly the
 * comparable pairs, and its strongest links are the model's strongest.
 */
class LinkIndexTest {

    private static final double LOGIT_PROPOSAL =
            Math.log(LinkModel.PROPOSAL_THRESHOLD / (1 - LinkModel.PROPOSAL_THRESHOLD));

    private static double exponent(CraftedWeapon a, CraftedWeapon b) {
        return exponent(a, b, 0);
    }

    private static double exponent(CraftedWeapon a, CraftedWeapon b, int population) {
        return LinkModel.INTERCEPT
                + LinkModel.score(a, b, population).evidence().stream()
                        .mapToDouble(LinkModel.Evidence::contribution)
                        .sum();
    }

    /** What the database query used to select: the same family, case, ballistic reference or part make. */
    private static boolean comparable(CraftedWeapon a, CraftedWeapon b) {
        CraftedDescription da = a.description();
        CraftedDescription db = b.description();
        Set<String> refs = new HashSet<>(da.ballistic());
        refs.retainAll(db.ballistic());
        Set<String> makes = new HashSet<>();
        da.parts().forEach(p -> makes.add(LinkModel.key(p.make())));
        makes.remove("");
        boolean sharedMake = db.parts().stream().anyMatch(p -> makes.contains(LinkModel.key(p.make())));
        return da.family() == db.family()
                || LinkModel.key(a.caseNumber()).equals(LinkModel.key(b.caseNumber()))
                || !refs.isEmpty()
                || sharedMake;
    }

    @Test
    void theIndexComputesTheModelsExponentOnEveryComparablePair() {
        for (CraftedWorld.Settings settings : List.of(
                new CraftedWorld.Settings(40, 400, 0.5, 2.0, 91),
                new CraftedWorld.Settings(30, 400, 0.9, 0.5, 92),
                new CraftedWorld.Settings(60, 400, 0.7, 1.0, 93),
                // More than 500 of a design: the base rate counts.
                new CraftedWorld.Settings(100, 1400, 0.7, 1.0, 95))) {
            List<CraftedWeapon> weapons = CraftedWorld.generate(settings).weapons();
            LinkIndex index = new LinkIndex();
            weapons.forEach(index::add);
            int checked = 0;
            for (int r = 0; r < weapons.size(); r++) {
                int row = r;
                Set<Integer> offered = new HashSet<>();
                index.comparable(index, row, offered::add);
                for (int o = 0; o < weapons.size(); o++) {
                    if (o == row) {
                        continue;
                    }
                    boolean expected = comparable(weapons.get(row), weapons.get(o));
                    assertThat(offered.contains(o))
                            .as("pair %d-%d offered", row, o)
                            .isEqualTo(expected);
                    if (expected) {
                        assertThat(index.z(index, row, o))
                                .as("exponent of %d-%d", row, o)
                                .isCloseTo(
                                        exponent(
                                                weapons.get(row),
                                                weapons.get(o),
                                                index.population(
                                                        weapons.get(row)
                                                                .description()
                                                                .family(),
                                                        weapons.get(o)
                                                                .description()
                                                                .family())),
                                        org.assertj.core.data.Offset.offset(1e-9));
                        double exact = index.z(index, row, o);
                        for (double floor : new double[] {exact - 0.5, exact - 1e-6, exact + 1e-6, exact + 3}) {
                            double early = index.z(index, row, o, floor);
                            assertThat(early == exact || (early == Double.NEGATIVE_INFINITY && exact <= floor))
                                    .as("%d-%d with floor %f: %f for %f", row, o, floor, early, exact)
                                    .isTrue();
                            if (floor < exact - 1e-7) {
                                assertThat(early).as("kept above its floor").isEqualTo(exact);
                            }
                        }
                        checked++;
                    }
                }
            }
            assertThat(checked).as("comparable pairs checked").isGreaterThan(10_000);
        }
        assertThat(LinkModel.score(
                                CraftedWorld.generate(new CraftedWorld.Settings(5, 2, 0.7, 1.0, 96))
                                        .weapons()
                                        .get(0),
                                CraftedWorld.generate(new CraftedWorld.Settings(5, 2, 0.7, 1.0, 96))
                                        .weapons()
                                        .get(1),
                                5000)
                        .evidence())
                .as("a design with 5,000 recorded weighs its likeness down by ln(500/5000)")
                .anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(EvidenceKind.BASE_RATE);
                    assertThat(e.value()).isCloseTo(Math.log(0.1), org.assertj.core.data.Offset.offset(1e-12));
                });
    }

    @Test
    void aProbeIsScoredAsIfItWereRecordedAndItsStrongestAreTheModelsStrongest() {
        List<CraftedWeapon> weapons = CraftedWorld.generate(new CraftedWorld.Settings(50, 600, 0.7, 1.0, 94))
                .weapons();
        LinkIndex index = new LinkIndex();
        weapons.subList(0, 500).forEach(index::add);
        for (CraftedWeapon newcomer : weapons.subList(500, 600)) {
            LinkIndex probe = index.probe(newcomer);
            int[] best = CraftedLinking.best(index, probe, 0, 5, new LongAdder());
            // The model's own ranking of the recorded weapons, from the proposal threshold.
            List<double[]> ranked = new ArrayList<>();
            for (int o = 0; o < 500; o++) {
                if (comparable(newcomer, weapons.get(o))) {
                    double z = exponent(newcomer, weapons.get(o));
                    if (z >= LOGIT_PROPOSAL) {
                        ranked.add(new double[] {z, o});
                    }
                }
            }
            ranked.sort((x, y) -> Double.compare(y[0], x[0]));
            assertThat(best).hasSize(Math.min(5, ranked.size()));
            for (int i = 0; i < best.length; i++) {
                assertThat(exponent(newcomer, weapons.get(best[i])))
                        .as("the %d-th strongest of weapon %d", i, newcomer.id())
                        .isCloseTo(ranked.get(i)[0], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void casesMakesAndReferencesReachAcrossDesignFamilies() {
        CraftedDescription fgc = new CraftedDescription(
                CraftCategory.PRINTED_3D,
                DesignFamily.FGC9,
                null,
                null,
                null,
                null,
                List.of(new CraftedDescription.Part("cañón", " glock ", "AB-100")),
                null,
                List.of("IBIS-1"),
                List.of(),
                Map.of());
        CraftedDescription ar = new CraftedDescription(
                CraftCategory.WORKSHOP_MADE,
                DesignFamily.AR15_LOWER,
                null,
                null,
                null,
                null,
                List.of(new CraftedDescription.Part("cañón", "Glock", "AB-350")),
                null,
                List.of("IBIS-1"),
                List.of(),
                Map.of());
        CraftedWeapon a = new CraftedWeapon(1, "exp-7", LocalDate.of(2026, 1, 1), 20.0, -103.0, fgc);
        CraftedWeapon b = new CraftedWeapon(2, "EXP-7 ", LocalDate.of(2026, 1, 5), 20.01, -103.0, ar);
        LinkIndex index = new LinkIndex();
        index.add(a);
        index.add(b);
        List<Integer> offered = new ArrayList<>();
        index.comparable(index, 0, offered::add);
        assertThat(offered).containsExactly(1);
        assertThat(index.z(index, 0, 1)).isCloseTo(exponent(a, b), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LinkModel.evidence(a, b))
                .extracting(LinkModel.Evidence::kind)
                .contains(EvidenceKind.CO_SEIZURE, EvidenceKind.BALLISTIC_LEAD, EvidenceKind.SHARED_COMPONENT_SOURCE);
    }
}
