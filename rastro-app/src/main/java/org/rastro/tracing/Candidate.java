package org.rastro.tracing;

import java.util.List;
import org.rastro.system.Text;

/**
 * A registered weapon that may be the one recovered: its score (100 for an exact serial), how well
 * the serial fits, the differences, what agrees and differs besides the serial, and for the likely
 * ones the custody ({@code null} otherwise: one click away, in its dossier).
 */
public record Candidate(
        long weaponId,
        String serial,
        String make,
        String model,
        String calibre,
        int score,
        Confidence confidence,
        List<SerialAlignment.Difference> differences,
        List<Text> agrees,
        List<Text> differs,
        CandidateCustody custody) {}
