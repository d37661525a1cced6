package org.rastro.tracing;

import java.time.LocalDate;
import java.util.List;

/** A trace request: the weapon as the examiner observed it, the recovery, and the people found with it. */
public record TraceRequest(
        String caseNumber,
        String agency,
        LocalDate recoveredOn,
        String cvegeo,
        Double latitude,
        Double longitude,
        String crimeType,
        boolean seizure,
        String weaponType,
        String make,
        String model,
        String calibre,
        String country,
        String importMarks,
        String serialAsRead,
        boolean obliterated,
        List<TracePerson> people) {

    public TraceRequest {
        people = people == null ? List.of() : List.copyOf(people);
    }

    /** A request with nobody recorded with the weapon. */
    public TraceRequest(
            String caseNumber,
            String agency,
            LocalDate recoveredOn,
            String cvegeo,
            Double latitude,
            Double longitude,
            String crimeType,
            boolean seizure,
            String weaponType,
            String make,
            String model,
            String calibre,
            String country,
            String importMarks,
            String serialAsRead,
            boolean obliterated) {
        this(
                caseNumber,
                agency,
                recoveredOn,
                cvegeo,
                latitude,
                longitude,
                crimeType,
                seizure,
                weaponType,
                make,
                model,
                calibre,
                country,
                importMarks,
                serialAsRead,
                obliterated,
                List.of());
    }
}
