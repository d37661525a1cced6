package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rastro.custody.CustodyRules.Outcome.Refused;
import org.rastro.custody.LotBalances.Holding;

/** The lot rules on their own: balances never negative, transfers received only where sent. */
class LotRulesTest {

    private static final long EXPORTER = 1;
    private static final long DEPOT = 2;
    private static final long UNIT = 3;
    private static final long POLICE = 4;
    private static final long SOLDIER = 100;
    private static final LotEvent.Activity TRAINING = new LotEvent.Activity("TRAINING", "Adiestramiento básico", 30);

    private long nextEvent = 1;

    private void accept(LotBalances lot, LotEvent event) {
        assertThat(LotRules.apply(lot, event, nextEvent++)).as("%s", event).isEmpty();
    }

    private String refuse(LotBalances lot, LotEvent event) {
        var before = lot.changedHoldings();
        var refused = LotRules.apply(lot, event, nextEvent++);
        assertThat(refused).as("%s", event).isPresent();
        assertThat(lot.changedHoldings()).as("a refusal changes nothing").isEqualTo(before);
        return refused.map(Refused::rule).orElseThrow();
    }

    @Test
    void aGrenadeLotFromExportToConsumption() {
        LotBalances lot = new LotBalances();
        lot.loadLicence(EXPORTER, 1_000, 0, 0);
        accept(lot, new LotEvent.LicensedExport(EXPORTER, DEPOT, 1_000));
        assertThat(refuse(lot, new LotEvent.LicensedExport(EXPORTER, DEPOT, 1))).isEqualTo("beyond-licence");
        accept(lot, new LotEvent.ImportReceipt(DEPOT, 1_000));
        assertThat(lot.transits()).allMatch(t -> t.outstanding() == 0);
        assertThat(refuse(lot, new LotEvent.ImportReceipt(DEPOT, 1))).isEqualTo("beyond-licence");

        accept(lot, new LotEvent.TransferSent(DEPOT, UNIT, 300));
        assertThat(lot.quantity(Holding.stock(DEPOT))).isEqualTo(700);
        assertThat(refuse(lot, new LotEvent.TransferReceived(POLICE, 300))).isEqualTo("not-sent-here");
        assertThat(refuse(lot, new LotEvent.TransferReceived(UNIT, 301))).isEqualTo("not-sent-here");
        accept(lot, new LotEvent.TransferReceived(UNIT, 250));
        // 50 still in transit: visible, and receivable later.
        assertThat(lot.transits()).anyMatch(t -> t.toId() == UNIT && t.outstanding() == 50);

        accept(lot, new LotEvent.Issue(UNIT, SOLDIER, 40));
        assertThat(refuse(lot, new LotEvent.Consumption(UNIT, SOLDIER, 41, TRAINING)))
                .isEqualTo("negative-balance");
        assertThat(refuse(lot, new LotEvent.Consumption(UNIT, SOLDIER, 10, null)))
                .isEqualTo("no-activity");
        accept(lot, new LotEvent.Consumption(UNIT, SOLDIER, 30, TRAINING));
        assertThat(refuse(lot, new LotEvent.Return(UNIT, SOLDIER, 11))).isEqualTo("not-issued-here");
        accept(lot, new LotEvent.Return(UNIT, SOLDIER, 10));
        assertThat(lot.quantity(Holding.stock(UNIT))).isEqualTo(220);
        assertThat(lot.quantity(new Holding(UNIT, SOLDIER))).isZero();
    }

    @Test
    void noBalanceEverGoesNegative() {
        LotBalances lot = new LotBalances();
        lot.load(Holding.stock(DEPOT), 100);
        assertThat(refuse(lot, new LotEvent.TransferSent(DEPOT, UNIT, 101))).isEqualTo("negative-balance");
        assertThat(refuse(lot, new LotEvent.Sale(DEPOT, POLICE, 101))).isEqualTo("negative-balance");
        assertThat(refuse(lot, new LotEvent.Destruction(DEPOT, 101))).isEqualTo("negative-balance");
        assertThat(refuse(lot, new LotEvent.LossReport(UNIT, null, 1, true))).isEqualTo("negative-balance");
        assertThat(refuse(lot, new LotEvent.Issue(DEPOT, SOLDIER, 0))).isEqualTo("quantity");
        assertThat(refuse(lot, new LotEvent.TransferSent(DEPOT, DEPOT, 1))).isEqualTo("same-place");
        assertThat(refuse(lot, new LotEvent.Count(UNIT, 5))).isEqualTo("not-here");
        accept(lot, new LotEvent.Count(DEPOT, 97));
        accept(lot, new LotEvent.LossReport(DEPOT, null, 3, false));
        accept(lot, new LotEvent.Sale(DEPOT, POLICE, 97));
        assertThat(lot.quantity(Holding.stock(DEPOT))).isZero();
        assertThat(lot.quantity(Holding.stock(POLICE))).isEqualTo(97);
        // Recovered units enter the recovering authority's stock.
        accept(lot, new LotEvent.Recovery(POLICE, 4, false));
        assertThat(lot.quantity(Holding.stock(POLICE))).isEqualTo(101);
    }
}
