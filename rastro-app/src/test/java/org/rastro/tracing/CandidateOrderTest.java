package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.custody.CustodyStatus;
import org.rastro.tracing.CandidateOrder.Evidence;
import org.rastro.tracing.CandidateOrder.Standing;

/** Equally good fits ordered by what the registry knows beyond the serial; the serial always first. */
class CandidateOrderTest {

    private static SerialMatcher.Match match(long id, String serial, String reading) {
        return new SerialMatcher.Match(id, serial, SerialAlignment.align(SerialReading.parse(reading), serial));
    }

    private static List<Long> ids(List<SerialMatcher.Match> matches) {
        return matches.stream().map(SerialMatcher.Match::weaponId).toList();
    }

    @Test
    void amongEqualFitsReportedMissingThenOutOfCustodyThenHeldInTheRecoveryStateThenTheRest() {
        String reading = "FX2400??57";
        List<SerialMatcher.Match> matches = List.of(
                match(1, "FX24001157", reading),
                match(2, "FX24002257", reading),
                match(3, "FX24003357", reading),
                match(4, "FX24004457", reading),
                match(5, "FX24005557", reading));
        Map<Long, Evidence> evidence = Map.of(
                1L, new Evidence(Standing.ON_RECORD, "15"),
                2L, new Evidence(Standing.ON_RECORD, "16"),
                3L, new Evidence(Standing.OUT_OF_CUSTODY, "09"),
                4L, new Evidence(Standing.REPORTED_MISSING, "09"),
                5L, new Evidence(Standing.ON_RECORD, "16"));
        List<SerialMatcher.Match> ordered = CandidateOrder.order(matches, evidence::get, "16");
        assertThat(ids(ordered)).containsExactly(4L, 3L, 2L, 5L, 1L);
    }

    @Test
    void evidenceNeverLiftsAWorseFitAboveABetterOne() {
        // The exact fit is held on record in another state; the stolen one differs by a look-alike.
        List<SerialMatcher.Match> matches =
                List.of(match(7, "BER402118Z", "BER402117Z"), match(9, "BER402117Z", "BER402117Z"));
        Map<Long, Evidence> evidence = Map.of(
                7L, new Evidence(Standing.REPORTED_MISSING, "16"),
                9L, new Evidence(Standing.ON_RECORD, "02"));
        assertThat(ids(CandidateOrder.order(matches, evidence::get, "16"))).containsExactly(9L, 7L);
    }

    @Test
    void anUnknownRecoveryPlaceOrStateDecidesNothing() {
        assertThat(new Evidence(Standing.ON_RECORD, null).heldIn("16")).isFalse();
        assertThat(new Evidence(Standing.ON_RECORD, "16").heldIn(null)).isFalse();
        assertThat(CandidateOrder.stateOf("16102")).isEqualTo("16");
        assertThat(CandidateOrder.stateOf(null)).isNull();
        List<SerialMatcher.Match> matches = List.of(match(5, "AX1234", "?X1234"), match(2, "BX1234", "?X1234"));
        assertThat(ids(CandidateOrder.order(matches, id -> Evidence.NONE, null)))
                .containsExactly(2L, 5L);
    }

    @Test
    void custodyStatesHaveTheirStanding() {
        assertThat(Standing.of(CustodyStatus.STOLEN)).isEqualTo(Standing.REPORTED_MISSING);
        assertThat(Standing.of(CustodyStatus.MISSING)).isEqualTo(Standing.REPORTED_MISSING);
        assertThat(List.of(
                                CustodyStatus.ISSUED,
                                CustodyStatus.IN_TRANSIT,
                                CustodyStatus.EXPORTED,
                                CustodyStatus.DESTROYED,
                                CustodyStatus.RECOVERED)
                        .stream()
                        .map(Standing::of))
                .containsOnly(Standing.OUT_OF_CUSTODY);
        assertThat(Standing.of(CustodyStatus.HELD)).isEqualTo(Standing.ON_RECORD);
        assertThat(Standing.of(null)).isEqualTo(Standing.ON_RECORD);
    }
}
