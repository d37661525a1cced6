package org.rastro.tracing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rastro.custody.CustodyKind;
import org.rastro.custody.CustodyStatus;
import org.rastro.custody.TimelineEntry;

/**
 * Names how a candidate left lawful custody, from its custody state and timeline: the kind of
 * diversion, the last lawful custodian, the intervals a court asks about (days from import, from the
 * issue, from the last count, from the loss report, to the recovery) and the flags in its history (a
 * loss reported only after a recovery; red-flagged events). Pure: the caller reads the rows.
 */
final class DiversionNaming {

    private DiversionNaming() {}

    /**
     * A candidate's custody as stored: its state, holder (and the holder's organisation kind), the
     * person it is issued to, and the holder before a recovery.
     */
    record Standing(
            long weaponId,
            CustodyStatus state,
            String holder,
            String holderName,
            String holderKind,
            String person,
            String previousHolder,
            String previousHolderName) {}

    /** The kind of diversion a custody state names; a weapon held by a police force was sold to it. */
    static Diversion of(CustodyStatus state, String holderKind) {
        return switch (state) {
            case EXPORTED -> Diversion.NEVER_DELIVERED;
            case IN_TRANSIT -> Diversion.SENT_NEVER_RECEIVED;
            case ISSUED -> Diversion.ISSUED_NOT_RETURNED;
            case MISSING -> Diversion.LOSS_REPORTED;
            case STOLEN -> Diversion.THEFT_REPORTED;
            case DESTROYED -> Diversion.DESTROYED_YET_RECOVERED;
            case RECOVERED -> Diversion.ALREADY_RECOVERED;
            case UNPLACED -> Diversion.NEVER_IN_CUSTODY;
            case HELD -> "POLICE_FORCE".equals(holderKind) ? Diversion.SOLD_TO_POLICE : Diversion.HELD_ON_RECORD;
        };
    }

    static CandidateCustody custody(Standing s, List<TimelineEntry> timeline, String licence, LocalDate recoveredOn) {
        List<Flag> flags = new ArrayList<>();
        Diversion diversion = of(s.state(), s.holderKind());
        Map<String, Long> days = new LinkedHashMap<>();
        LocalDate lastSeen = null;
        LocalDate lastIssue = null;
        LocalDate imported = null;
        // Recoveries on record, and the one being traced: a loss reported after any of them is back-dated.
        List<LocalDate> recoveries = new ArrayList<>(timeline.stream()
                .filter(e -> e.kind().isRecovery())
                .map(TimelineEntry::occurredOn)
                .toList());
        recoveries.add(recoveredOn);
        for (TimelineEntry e : timeline) {
            switch (e.kind()) {
                case IMPORT_RECEIPT -> imported = e.occurredOn();
                case ISSUE -> lastIssue = e.occurredOn();
                case INVENTORY_SEEN -> lastSeen = e.occurredOn();
                case LOSS_REPORT, THEFT_REPORT -> {
                    LocalDate reported = e.reportedOn();
                    recoveries.stream()
                            .filter(r -> reported != null
                                    && reported.isAfter(r)
                                    && !e.occurredOn().isAfter(r))
                            .min(LocalDate::compareTo)
                            .ifPresent(r -> flags.add(Flag.of("BACKDATED_REPORT", reported, r, e.occurredOn())));
                    if (reported != null) {
                        days.put("fromLossReport", ChronoUnit.DAYS.between(reported, recoveredOn));
                    }
                }
                case LICENSED_EXPORT,
                        TRANSFER_SENT,
                        TRANSFER_RECEIVED,
                        RETURN,
                        INVENTORY_MISSING,
                        CONSUMPTION,
                        SALE,
                        DESTRUCTION,
                        RECOVERY,
                        SEIZURE,
                        CORRECTION,
                        FOREIGN_MATCH -> {
                    // Not an interval a court asks about.
                }
            }
            if (e.redFlag()) {
                flags.add(Flag.of("RED_FLAG_EVENT", e.kind(), e.occurredOn(), e.id()));
            }
        }
        if (imported != null) {
            days.put("fromImport", ChronoUnit.DAYS.between(imported, recoveredOn));
        }
        if (lastIssue != null && diversion == Diversion.ISSUED_NOT_RETURNED) {
            days.put("fromIssue", ChronoUnit.DAYS.between(lastIssue, recoveredOn));
        }
        if (lastSeen != null) {
            days.put("fromLastCount", ChronoUnit.DAYS.between(lastSeen, recoveredOn));
        }
        boolean recovered = s.state() == CustodyStatus.RECOVERED;
        return new CandidateCustody(
                s.state(),
                diversion,
                recovered ? s.previousHolder() : s.holder(),
                recovered ? s.previousHolderName() : s.holderName(),
                s.person(),
                licence,
                days,
                flags,
                timeline);
    }

    /**
     * The day from which a weapon held on record has been unseen: its last count, else its last event
     * ({@link LocalDate#MIN} with none). A count by its holder after that day that did not see it makes
     * the diversion {@link Diversion#MISSING_AT_COUNT}.
     */
    static LocalDate unseenSince(List<TimelineEntry> timeline) {
        LocalDate lastSeen = timeline.stream()
                .filter(t -> t.kind() == CustodyKind.INVENTORY_SEEN)
                .map(TimelineEntry::occurredOn)
                .max(LocalDate::compareTo)
                .orElse(null);
        return lastSeen != null
                ? lastSeen
                : timeline.stream()
                        .map(TimelineEntry::occurredOn)
                        .max(LocalDate::compareTo)
                        .orElse(LocalDate.MIN);
    }
}
