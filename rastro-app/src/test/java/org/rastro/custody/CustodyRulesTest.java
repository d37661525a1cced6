package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.rastro.custody.CustodyEvent.Destruction;
import org.rastro.custody.CustodyEvent.ImportReceipt;
import org.rastro.custody.CustodyEvent.InventorySeen;
import org.rastro.custody.CustodyEvent.Issue;
import org.rastro.custody.CustodyEvent.LossReport;
import org.rastro.custody.CustodyEvent.Recovery;
import org.rastro.custody.CustodyEvent.Return;
import org.rastro.custody.CustodyEvent.Sale;
import org.rastro.custody.CustodyEvent.TransferReceived;
import org.rastro.custody.CustodyEvent.TransferSent;
import org.rastro.custody.CustodyRules.Outcome;
import org.rastro.custody.CustodyState.Held;
import org.rastro.custody.CustodyState.Issued;

class CustodyRulesTest {

    private static final long DEPOT = 1;
    private static final long ARMORY = 2;
    private static final long POLICE = 3;
    private static final long PROSECUTOR = 4;
    private static final long SOLDIER = 100;
    private static final long OTHER_SOLDIER = 101;

    private static CustodyState next(CustodyState state, CustodyEvent event) {
        Outcome outcome = CustodyRules.apply(state, event);
        assertThat(outcome).as("%s after %s", event, state).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) outcome).next();
    }

    private static String refusal(CustodyState state, CustodyEvent event) {
        Outcome outcome = CustodyRules.apply(state, event);
        assertThat(outcome).as("%s after %s", event, state).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused) outcome).rule();
    }

    @Test
    void aWeaponsLifeFromImportToDestruction() {
        CustodyState s = new CustodyState.Unplaced();
        s = next(s, new ImportReceipt(DEPOT));
        s = next(s, new TransferSent(DEPOT, ARMORY));
        s = next(s, new TransferReceived(ARMORY));
        s = next(s, new Issue(ARMORY, SOLDIER));
        assertThat(s).isEqualTo(new Issued(ARMORY, SOLDIER));
        s = next(s, new Return(ARMORY, SOLDIER));
        s = next(s, new InventorySeen(ARMORY));
        assertThat(s).isEqualTo(new Held(ARMORY));
        s = next(s, new Destruction(ARMORY));
        assertThat(refusal(s, new Issue(ARMORY, SOLDIER))).isEqualTo("destroyed");
        Outcome recovered = CustodyRules.apply(s, new Recovery(PROSECUTOR, false));
        assertThat(recovered).isEqualTo(new Outcome.Accepted(new CustodyState.Recovered(PROSECUTOR, ARMORY), true));
    }

    @Test
    void aCountMissesOnlyWhatTheCountingHolderHasAndChangesNothing() {
        Held atArmory = new Held(ARMORY);
        assertThat(next(atArmory, new CustodyEvent.InventoryMissing(ARMORY))).isEqualTo(atArmory);
        Issued issued = new Issued(ARMORY, SOLDIER);
        assertThat(next(issued, new CustodyEvent.InventoryMissing(ARMORY))).isEqualTo(issued);
        assertThat(refusal(atArmory, new CustodyEvent.InventoryMissing(DEPOT))).isEqualTo("not-expected-here");
        assertThat(refusal(new CustodyState.Missing(ARMORY, true), new CustodyEvent.InventoryMissing(ARMORY)))
                .isEqualTo("not-expected-here");
    }

    @Test
    void oneItemIsInOnePlace() {
        Held atArmory = new Held(ARMORY);
        assertThat(refusal(new Issued(ARMORY, SOLDIER), new Issue(ARMORY, OTHER_SOLDIER)))
                .isEqualTo("already-issued");
        assertThat(refusal(atArmory, new Return(ARMORY, SOLDIER))).isEqualTo("not-issued-here");
        assertThat(refusal(new Issued(ARMORY, SOLDIER), new Return(ARMORY, OTHER_SOLDIER)))
                .isEqualTo("not-issued-here");
        assertThat(refusal(atArmory, new TransferSent(DEPOT, POLICE))).isEqualTo("not-here");
        assertThat(refusal(atArmory, new TransferSent(ARMORY, ARMORY))).isEqualTo("same-place");
        assertThat(refusal(new CustodyState.InTransit(DEPOT, ARMORY), new TransferReceived(POLICE)))
                .isEqualTo("not-sent-here");
        assertThat(refusal(atArmory, new ImportReceipt(DEPOT))).isEqualTo("already-placed");
        assertThat(refusal(atArmory, new InventorySeen(DEPOT))).isEqualTo("not-here");
        assertThat(refusal(atArmory, new Destruction(DEPOT))).isEqualTo("not-here");
    }

    @Test
    void lossesAndSales() {
        assertThat(next(new Issued(ARMORY, SOLDIER), new LossReport(ARMORY, true)))
                .isEqualTo(new CustodyState.Missing(ARMORY, true));
        assertThat(next(new CustodyState.InTransit(DEPOT, ARMORY), new LossReport(ARMORY, false)))
                .isEqualTo(new CustodyState.Missing(ARMORY, false));
        assertThat(refusal(new CustodyState.Missing(ARMORY, false), new LossReport(ARMORY, true)))
                .isEqualTo("already-missing");
        assertThat(refusal(new Held(DEPOT), new LossReport(ARMORY, false))).isEqualTo("not-here");
        assertThat(next(new Held(DEPOT), new Sale(DEPOT, POLICE))).isEqualTo(new Held(POLICE));
        // A recovered weapon is back in state hands, held by the recovering authority.
        assertThat(next(new CustodyState.Missing(ARMORY, true), new Recovery(PROSECUTOR, true)))
                .isEqualTo(new CustodyState.Recovered(PROSECUTOR, ARMORY));
        assertThat(CustodyRules.apply(new CustodyState.Missing(ARMORY, true), new Recovery(PROSECUTOR, true)))
                .isEqualTo(new Outcome.Accepted(new CustodyState.Recovered(PROSECUTOR, ARMORY), false));
    }

    @Test
    void aLossReportedOnlyAfterTheRecoveryIsRecordedAndFlagged() {
        CustodyState recovered = next(new Issued(ARMORY, SOLDIER), new Recovery(PROSECUTOR, false));
        assertThat(CustodyRules.apply(recovered, new LossReport(ARMORY, true)))
                .isEqualTo(new Outcome.Accepted(recovered, true));
        assertThat(refusal(recovered, new LossReport(DEPOT, false))).isEqualTo("not-here");
    }

    @Test
    void exportsAndCorrections() {
        CustodyState exported = next(new CustodyState.Unplaced(), new CustodyEvent.LicensedExport(EXPORTER, MINISTRY));
        assertThat(exported).isEqualTo(new CustodyState.Exported(EXPORTER, MINISTRY));
        assertThat(refusal(exported, new TransferReceived(DEPOT))).isEqualTo("not-sent-here");
        assertThat(next(exported, new ImportReceipt(DEPOT))).isEqualTo(new Held(DEPOT));
        assertThat(refusal(new Held(DEPOT), new CustodyEvent.LicensedExport(EXPORTER, MINISTRY)))
                .isEqualTo("already-placed");
        // A correction changes no state, even of a destroyed item.
        assertThat(next(new CustodyState.Destroyed(DEPOT), new CustodyEvent.Correction(DEPOT, 7)))
                .isEqualTo(new CustodyState.Destroyed(DEPOT));
    }

    private static final long MINISTRY = 10;
    private static final long EXPORTER = 11;
    private static final LicenceRules.Licence LICENCE = new LicenceRules.Licence(
            1, "US-DSP5-2020-00037", EXPORTER, MINISTRY, LocalDate.of(2020, 3, 15), LocalDate.of(2022, 3, 14));
    /** The depot belongs to the ministry; the police force does not. */
    private static final LicenceRules.Hierarchy TREE =
            (org, ancestor) -> org == ancestor || org == DEPOT && ancestor == MINISTRY;

    private static String licenceRule(LicenceRules.Licence licence, long at, Long to, String date) {
        return LicenceRules.check(licence, at, to, LocalDate.parse(date), TREE)
                .map(Outcome.Refused::rule)
                .orElse("ok");
    }

    @Test
    void deliveriesRespectTheirLicence() {
        assertThat(licenceRule(LICENCE, EXPORTER, MINISTRY, "2020-06-01")).isEqualTo("ok");
        assertThat(licenceRule(LICENCE, DEPOT, null, "2020-07-01")).isEqualTo("ok");
        assertThat(licenceRule(LICENCE, POLICE, null, "2020-07-01")).isEqualTo("not-consignee");
        assertThat(licenceRule(LICENCE, EXPORTER, POLICE, "2020-06-01")).isEqualTo("not-consignee");
        assertThat(licenceRule(LICENCE, DEPOT, MINISTRY, "2020-06-01")).isEqualTo("not-exporter");
        assertThat(licenceRule(LICENCE, DEPOT, null, "2020-01-01")).isEqualTo("before-licence");
        assertThat(licenceRule(LICENCE, DEPOT, null, "2022-03-15")).isEqualTo("licence-expired");
        assertThat(licenceRule(null, DEPOT, null, "2020-07-01")).isEqualTo("no-licence");
    }
}
