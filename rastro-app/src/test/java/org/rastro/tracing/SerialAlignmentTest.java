package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rastro.tracing.SerialAlignment.Difference;

/** Each way a serial fails, on its own: the alignment finds it, prices it and names it. */
class SerialAlignmentTest {

    private static SerialAlignment.Result align(String reading, String registered) {
        return SerialAlignment.align(SerialReading.parse(reading), registered);
    }

    @Test
    void readingsAreNormalisedAndMarkedUp() {
        SerialReading r = SerialReading.parse(" fx-24 [1]2?456 ");
        assertThat(r.text()).isEqualTo("FX2412?456");
        assertThat(r.unreadable()).isEqualTo(1);
        assertThat(r.uncertain().get(4)).isTrue();
        assertThatThrownBy(() -> SerialReading.parse("AB[1")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> SerialReading.parse("???")).hasMessageContaining("no character");
        assertThatThrownBy(() -> SerialReading.parse("AB#1")).hasMessageContaining("\"#\"");
    }

    @Test
    void anExactReadingCostsNothing() {
        assertThat(align("FX24123456", "FX24123456").exact()).isTrue();
        assertThat(align("FX24123456", "FX24123456").cost()).isZero();
    }

    @Test
    void unreadablePositionsAreFilledCheaply() {
        var r = align("FX24??3456", "FX24123456");
        assertThat(r.differences())
                .containsExactly(new Difference.Unreadable(5, '1'), new Difference.Unreadable(6, '2'));
        assertThat(r.cost()).isEqualTo(2 * SerialAlignment.UNREADABLE);
    }

    @Test
    void lookAlikesCostLessThanOtherCharactersAndLessStillWhenMarkedUnsure() {
        var lookAlike = align("FX24I23456", "FX24123456");
        assertThat(lookAlike.differences()).containsExactly(new Difference.LookAlike(5, 'I', '1'));
        var unsure = align("FX24[I]23456", "FX24123456");
        var other = align("FX24A23456", "FX24123456");
        assertThat(other.differences()).containsExactly(new Difference.Substituted(5, 'A', '1'));
        assertThat(unsure.cost()).isLessThan(lookAlike.cost());
        assertThat(lookAlike.cost()).isLessThan(other.cost());
        for (String pair : new String[] {"0O", "0D", "0Q", "1I", "1L", "17", "5S", "8B", "83", "2Z", "6G"}) {
            assertThat(LookAlikes.alike(pair.charAt(0), pair.charAt(1)))
                    .as(pair)
                    .isTrue();
        }
    }

    @Test
    void swappedNeighboursAreOneTransposition() {
        var r = align("FX24213456", "FX24123456");
        assertThat(r.differences()).containsExactly(new Difference.Transposed(5, "21", "12"));
        assertThat(r.cost()).isLessThan(2 * SerialAlignment.SUBSTITUTED);
    }

    @Test
    void aMissingPrefixOrSuffixCostsLessThanMissingCharactersInside() {
        var prefix = align("123456", "216123456");
        assertThat(prefix.differences()).containsExactly(new Difference.MissingPrefix("216"));
        var suffix = align("BER1234", "BER123456Z");
        assertThat(suffix.differences()).containsExactly(new Difference.MissingSuffix("56Z"));
        var inside = align("BER12456Z", "BER123456Z");
        assertThat(inside.differences()).containsExactly(new Difference.Missing(6, '3'));
        assertThat(prefix.cost() / 3).isLessThan(inside.cost());
    }

    @Test
    void theTrueSerialRanksAboveItsNeighbours() {
        // Two registered serials one character apart; the reading has one unreadable and one look-alike.
        var truth = align("FX2?1Z3456", "FX24123456");
        var neighbour = align("FX2?1Z3456", "FX24183456");
        assertThat(truth.cost()).isLessThan(neighbour.cost());
    }
}
