package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyStatus;
import org.rastro.custody.TimelineEntry;

class DiversionNamingTest {

    private static final LocalDate RECOVERED = LocalDate.of(2026, 6, 1);

    private static TimelineEntry event(long id, CustodyKind kind, LocalDate on, LocalDate reported, boolean redFlag) {
        return new TimelineEntry(
                id,
                kind,
                on,
                reported,
                Instant.parse("2026-01-01T00:00:00Z"),
                "ARM-1",
                null,
                null,
                null,
                null,
                null,
                null,
                "registro",
                null,
                redFlag,
                id,
                List.of(),
                false);
    }

    private static DiversionNaming.Standing standing(CustodyStatus state, String holderKind) {
        return new DiversionNaming.Standing(
                7, state, "BI-1", "Batallón 1", holderKind, "SX0000001", "ARM-9", "Armería 9");
    }

    @Test
    void everyCustodyStateNamesOneDiversion() {
        Set<Diversion> named = EnumSet.noneOf(Diversion.class);
        for (CustodyStatus state : CustodyStatus.values()) {
            named.add(DiversionNaming.of(state, "UNIT"));
        }
        assertThat(named).hasSize(CustodyStatus.values().length);
        assertThat(DiversionNaming.of(CustodyStatus.EXPORTED, "UNIT")).isEqualTo(Diversion.NEVER_DELIVERED);
        assertThat(DiversionNaming.of(CustodyStatus.IN_TRANSIT, "UNIT")).isEqualTo(Diversion.SENT_NEVER_RECEIVED);
        assertThat(DiversionNaming.of(CustodyStatus.ISSUED, "UNIT")).isEqualTo(Diversion.ISSUED_NOT_RETURNED);
        assertThat(DiversionNaming.of(CustodyStatus.STOLEN, "UNIT")).isEqualTo(Diversion.THEFT_REPORTED);
        assertThat(DiversionNaming.of(CustodyStatus.MISSING, "UNIT")).isEqualTo(Diversion.LOSS_REPORTED);
        assertThat(DiversionNaming.of(CustodyStatus.DESTROYED, "UNIT")).isEqualTo(Diversion.DESTROYED_YET_RECOVERED);
        assertThat(DiversionNaming.of(CustodyStatus.UNPLACED, null)).isEqualTo(Diversion.NEVER_IN_CUSTODY);
    }

    @Test
    void aWeaponHeldByAPoliceForceWasSoldToIt() {
        assertThat(DiversionNaming.of(CustodyStatus.HELD, "POLICE_FORCE")).isEqualTo(Diversion.SOLD_TO_POLICE);
        assertThat(DiversionNaming.of(CustodyStatus.HELD, "ARMORY")).isEqualTo(Diversion.HELD_ON_RECORD);
    }

    @Test
    void issuedNotReturnedCountsTheDaysThatMatter() {
        List<TimelineEntry> timeline = List.of(
                event(1, CustodyKind.IMPORT_RECEIPT, LocalDate.of(2025, 1, 1), null, false),
                event(2, CustodyKind.INVENTORY_SEEN, LocalDate.of(2025, 12, 15), null, false),
                event(3, CustodyKind.ISSUE, LocalDate.of(2026, 3, 3), null, false));
        CandidateCustody c =
                DiversionNaming.custody(standing(CustodyStatus.ISSUED, "UNIT"), timeline, "L-1", RECOVERED);
        assertThat(c.diversion()).isEqualTo(Diversion.ISSUED_NOT_RETURNED);
        assertThat(c.daysBeforeRecovery())
                .containsEntry("fromImport", 516L)
                .containsEntry("fromIssue", 90L)
                .containsEntry("fromLastCount", 168L)
                .doesNotContainKey("fromLossReport");
        assertThat(c.lastCustodian()).isEqualTo("BI-1");
        assertThat(c.lastPerson()).isEqualTo("SX0000001");
        assertThat(c.flags()).isEmpty();
    }

    @Test
    void aTheftReportedAfterTheRecoveryIsFlaggedAsBackdated() {
        LocalDate earlierRecovery = LocalDate.of(2026, 2, 1);
        List<TimelineEntry> timeline = new ArrayList<>(List.of(
                event(1, CustodyKind.ISSUE, LocalDate.of(2026, 1, 10), null, false),
                event(2, CustodyKind.RECOVERY, earlierRecovery, null, false),
                event(3, CustodyKind.THEFT_REPORT, LocalDate.of(2026, 1, 20), LocalDate.of(2026, 3, 1), true)));
        CandidateCustody c =
                DiversionNaming.custody(standing(CustodyStatus.RECOVERED, "POLICE_FORCE"), timeline, null, RECOVERED);
        assertThat(c.diversion()).isEqualTo(Diversion.ALREADY_RECOVERED);
        // Recovered: the last lawful custodian is the holder before the recovery.
        assertThat(c.lastCustodian()).isEqualTo("ARM-9");
        assertThat(c.flags()).extracting(Flag::code).containsExactly("BACKDATED_REPORT", "RED_FLAG_EVENT");
        assertThat(c.daysBeforeRecovery()).containsEntry("fromLossReport", 92L).doesNotContainKey("fromIssue");
    }

    @Test
    void aHeldWeaponIsUnseenSinceItsLastCountOrElseItsLastEvent() {
        assertThat(DiversionNaming.unseenSince(List.of())).isEqualTo(LocalDate.MIN);
        assertThat(DiversionNaming.unseenSince(List.of(
                        event(1, CustodyKind.TRANSFER_RECEIVED, LocalDate.of(2025, 3, 1), null, false),
                        event(2, CustodyKind.RETURN, LocalDate.of(2025, 4, 1), null, false))))
                .isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(DiversionNaming.unseenSince(List.of(
                        event(1, CustodyKind.INVENTORY_SEEN, LocalDate.of(2025, 6, 16), null, false),
                        event(2, CustodyKind.RETURN, LocalDate.of(2025, 9, 1), null, false))))
                .isEqualTo(LocalDate.of(2025, 6, 16));
    }
}
