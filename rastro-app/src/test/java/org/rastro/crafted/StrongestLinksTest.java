package org.rastro.crafted;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each row's strongest links do not depend on the order the pairs were scored in, nor on how the rows were
 * shared among threads: ties in the exponent (common: equal evidence gives equal scores) go to the smaller row.
 */
class StrongestLinksTest {

    private record Offer(int row, int other, double z) {}

    @Test
    void theStrongestAreTheSameWhateverTheOrderAndTheSplit() {
        Random random = new Random(7);
        int rows = 60;
        List<Offer> offers = new ArrayList<>();
        for (int a = 0; a < rows; a++) {
            for (int b = a + 1; b < rows; b++) {
                // Few distinct values: many ties.
                double z = random.nextInt(6) / 2.0;
                offers.add(new Offer(a, b, z));
            }
        }
        long[] expected = null;
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(offers, random);
            StrongestLinks one = new StrongestLinks(rows, 4);
            StrongestLinks two = new StrongestLinks(rows, 4);
            for (Offer f : offers) {
                StrongestLinks k = random.nextBoolean() ? one : two;
                k.offer(f.row(), f.other(), f.z());
                k.offer(f.other(), f.row(), f.z());
            }
            long[] merged = StrongestLinks.merge(List.of(one, two), rows, 4);
            if (expected == null) {
                expected = merged;
                assertThat(merged.length).isBetween(rows * 2, rows * 4);
            }
            assertThat(merged).as("round %d", round).isEqualTo(expected);
        }
    }
}
