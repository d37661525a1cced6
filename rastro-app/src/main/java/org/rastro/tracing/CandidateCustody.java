package org.rastro.tracing;

import java.util.List;
import java.util.Map;
import org.rastro.custody.CustodyStatus;
import org.rastro.custody.TimelineEntry;

/** Where a candidate left lawful custody, as the registry and the custody log say. */
public record CandidateCustody(
        CustodyStatus state,
        Diversion diversion,
        String lastCustodian,
        String lastCustodianName,
        String lastPerson,
        String licence,
        Map<String, Long> daysBeforeRecovery,
        List<Flag> flags,
        List<TimelineEntry> timeline) {

    /** The same custody, with another kind of diversion (what a later check found). */
    CandidateCustody divertedAs(Diversion other) {
        return new CandidateCustody(
                state,
                other,
                lastCustodian,
                lastCustodianName,
                lastPerson,
                licence,
                daysBeforeRecovery,
                flags,
                timeline);
    }
}
