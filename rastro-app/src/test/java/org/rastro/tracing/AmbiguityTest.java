package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The positions that would settle a tie are exactly those where the tied serials differ. */
class AmbiguityTest {

    @Test
    void positionsWhereTiedSerialsDifferAreNamedWithTheirCharacters() {
        assertThat(Ambiguity.settling(List.of("FX5B018", "FXSB018", "FX8B018")))
                .containsExactly(new Ambiguity.Position(3, List.of("5", "S", "8")));
        assertThat(Ambiguity.settling(List.of("AB12", "AB13", "AC12")))
                .containsExactly(
                        new Ambiguity.Position(2, List.of("B", "C")), new Ambiguity.Position(4, List.of("2", "3")));
        // A serial longer than the others: the extra characters are a position of their own.
        assertThat(Ambiguity.settling(List.of("AB12", "AB124")))
                .containsExactly(new Ambiguity.Position(5, List.of("", "4")));
        assertThat(Ambiguity.settling(List.of("SAME", "SAME"))).isEmpty();
    }
}
