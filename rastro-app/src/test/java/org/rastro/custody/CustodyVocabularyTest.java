package org.rastro.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;

/** The custody vocabularies and the pure steps between a request and the rules. */
class CustodyVocabularyTest {

    @Test
    void kindsAreParsedAsClientsSendThem() {
        assertThat(CustodyKind.parse(" issue ")).isEqualTo(CustodyKind.ISSUE);
        assertThat(CustodyKind.parse("Theft_Report")).isEqualTo(CustodyKind.THEFT_REPORT);
        assertThatThrownBy(() -> CustodyKind.parse("LEND"))
                .isInstanceOfSatisfying(
                        RastroException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
                .hasMessageContaining("unknown event kind 'LEND'")
                .hasMessageContaining("LICENSED_EXPORT, IMPORT_RECEIPT");
        assertThatThrownBy(() -> CustodyKind.parse(null)).hasMessageContaining("kind is required");
        assertThatThrownBy(() -> CustodyKind.parse("  ")).hasMessageContaining("kind is required");
    }

    @Test
    void everyStateHasItsStoredName() {
        assertThat(CustodyStatus.of(new CustodyState.Unplaced())).isEqualTo(CustodyStatus.UNPLACED);
        assertThat(CustodyStatus.of(new CustodyState.Exported(1, 2))).isEqualTo(CustodyStatus.EXPORTED);
        assertThat(CustodyStatus.of(new CustodyState.Held(1))).isEqualTo(CustodyStatus.HELD);
        assertThat(CustodyStatus.of(new CustodyState.Issued(1, 3))).isEqualTo(CustodyStatus.ISSUED);
        assertThat(CustodyStatus.of(new CustodyState.InTransit(1, 2))).isEqualTo(CustodyStatus.IN_TRANSIT);
        assertThat(CustodyStatus.of(new CustodyState.Missing(1, false))).isEqualTo(CustodyStatus.MISSING);
        assertThat(CustodyStatus.of(new CustodyState.Missing(1, true))).isEqualTo(CustodyStatus.STOLEN);
        assertThat(CustodyStatus.of(new CustodyState.Destroyed(1))).isEqualTo(CustodyStatus.DESTROYED);
        assertThat(CustodyStatus.of(new CustodyState.Recovered(4, 1L))).isEqualTo(CustodyStatus.RECOVERED);
        assertThat(Arrays.stream(CustodyStatus.values()).filter(CustodyStatus::reportedMissing))
                .containsExactly(CustodyStatus.MISSING, CustodyStatus.STOLEN);
    }

    @Test
    void everyKindDecodesToTheEventItNamesOrIsRefusedForTheWrongItem() {
        for (CustodyKind kind : CustodyKind.values()) {
            if (kind == CustodyKind.CONSUMPTION) {
                assertThatThrownBy(() -> EventDecoder.weaponEvent(kind, 1, 2L, 3L, 4L))
                        .hasMessageContaining("ordnance lots, not weapons");
            } else {
                // The recorded name of the decoded event is the kind requested.
                assertThat(CustodyEvent.kindOf(EventDecoder.weaponEvent(kind, 1, 2L, 3L, 4L)))
                        .isEqualTo(kind);
            }
            if (kind == CustodyKind.INVENTORY_MISSING) {
                assertThatThrownBy(() -> EventDecoder.lotEvent(kind, 1, 2L, 3L, 5L, null, 4L))
                        .hasMessageContaining("INVENTORY_MISSING is for weapons");
            } else if (kind == CustodyKind.FOREIGN_MATCH) {
                assertThatThrownBy(() -> EventDecoder.lotEvent(kind, 1, 2L, 3L, 5L, null, 4L))
                        .hasMessageContaining("FOREIGN_MATCH is recorded for weapons, not lots");
            } else {
                assertThat(LotEvent.kindOf(EventDecoder.lotEvent(kind, 1, 2L, 3L, 5L, null, 4L)))
                        .isEqualTo(kind);
            }
        }
        assertThatThrownBy(() -> EventDecoder.weaponEvent(CustodyKind.TRANSFER_SENT, 1, null, null, null))
                .hasMessage("TRANSFER_SENT needs counterpart");
        assertThatThrownBy(() -> EventDecoder.weaponEvent(CustodyKind.ISSUE, 1, null, null, null))
                .hasMessage("ISSUE needs matricula");
        assertThatThrownBy(() -> EventDecoder.lotEvent(CustodyKind.SALE, 1, 2L, null, null, null, null))
                .hasMessage("SALE of a lot needs quantity (a number of units)");
    }

    @Test
    void anEventsOwnFieldsAreCheckedBeforeAnyRule() {
        LocalDate today = LocalDate.now();
        Instant now = Instant.now();
        assertThat(EventChecks.occurredOn(today)).isEqualTo(today);
        assertThatThrownBy(() -> EventChecks.occurredOn(null)).hasMessageContaining("occurredOn is required");
        assertThatThrownBy(() -> EventChecks.occurredOn(today.plusDays(3))).hasMessageContaining("is in the future");
        assertThatThrownBy(() -> EventChecks.note("x".repeat(2001))).hasMessage("note has at most 2000 characters");
        EventChecks.note("x".repeat(2000));

        assertThat(EventChecks.reportedOn(CustodyKind.ISSUE, today, null, now)).isNull();
        assertThatThrownBy(() -> EventChecks.reportedOn(CustodyKind.ISSUE, today, today, now))
                .hasMessageContaining("reportedOn belongs to LOSS_REPORT and THEFT_REPORT only");
        assertThat(EventChecks.reportedOn(CustodyKind.LOSS_REPORT, today.minusDays(9), null, now))
                .isNotNull();
        assertThatThrownBy(() -> EventChecks.reportedOn(CustodyKind.THEFT_REPORT, today, today.minusDays(1), now))
                .hasMessageContaining("is before the loss");

        EventChecks.activity(null);
        EventChecks.activity(new LotEvent.Activity("TRAINING", "Práctica de tiro", 20));
        assertThatThrownBy(() -> EventChecks.activity(new LotEvent.Activity("PARTY", "x", 1)))
                .hasMessageContaining("activity.kind is TRAINING or OPERATION");
        assertThatThrownBy(() -> EventChecks.activity(new LotEvent.Activity("OPERATION", " ", 1)))
                .hasMessageContaining("activity.name");
        assertThatThrownBy(() -> EventChecks.activity(new LotEvent.Activity("OPERATION", "Op", 0)))
                .hasMessageContaining("activity.participants must be a positive number");
    }
}
