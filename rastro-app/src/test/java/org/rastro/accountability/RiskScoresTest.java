package org.rastro.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RiskScoresTest {

    @Test
    void theWilsonLowerBoundKeepsSmallSamplesFromLookingAlarming() {
        assertThat(Scoring.wilsonLower(0, 10)).isZero();
        assertThat(Scoring.wilsonLower(0, 0)).isZero();
        // One loss in ten weapons is a 10% rate, but could well be 2%: the bound says so.
        assertThat(Scoring.wilsonLower(1, 10)).isCloseTo(0.0179, within(0.001));
        // Ninety of 316 is 28%, and at least 24% with 95% confidence.
        assertThat(Scoring.wilsonLower(90, 316)).isCloseTo(0.2375, within(0.002));
        assertThat(Scoring.wilsonLower(90, 316)).isGreaterThan(Scoring.wilsonLower(3, 10));
    }

    @Test
    void aLossRateTenTimesItsPeersAlertsOnItsOwn() {
        // The independent world's battalion: 16% of about 300 rifles lost in 18 months, peers 1.4%.
        double bound = Scoring.wilsonLower(48, 300);
        assertThat(Scoring.lossRatePoints(bound, 0.014)).isGreaterThanOrEqualTo(50);
        assertThat(Scoring.lossRatePoints(0.14, 0.014)).isEqualTo(60);
        // Twice the peers is worth looking at, not an alert by itself; at or under the peers, nothing.
        assertThat(Scoring.lossRatePoints(0.028, 0.014)).isBetween(15, 20);
        assertThat(Scoring.lossRatePoints(0.014, 0.014)).isZero();
        assertThat(Scoring.lossRatePoints(0.0, 0.0)).isZero();
        // Peers who lose nothing: the median is floored, a small bound stays small.
        assertThat(Scoring.lossRatePoints(0.006, 0.0)).isLessThan(10);
    }

    @Test
    void theMedianOfEvenAndOddLists() {
        assertThat(Scoring.median(List.of())).isZero();
        assertThat(Scoring.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Scoring.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }
}
