package org.rastro.tracing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an ambiguous trace leaves open, said plainly: the candidates that fit as well as the first (tied),
 * and the positions of the serial where they differ — what to look at again under the microscope to
 * settle it ("position 5: 5, S or 8"). Positions count from 1 along the serial as marked; serials of
 * different lengths are compared from the left as far as the shortest goes, and the difference in length
 * is a position of its own.
 */
public record Ambiguity(List<Candidate> tied, List<Position> settling) {

    /** A position of the serial and the characters the tied candidates have there. */
    public record Position(int position, List<String> characters) {}

    public Ambiguity {
        tied = List.copyOf(tied);
        settling = List.copyOf(settling);
    }

    /** Tied: within five points of the first (the outcome's own rule), or exact as the first is. */
    public static Ambiguity of(TraceResult result) {
        List<Candidate> candidates = result.candidates();
        if (result.outcome() != TraceOutcome.AMBIGUOUS || candidates.size() < 2) {
            return new Ambiguity(List.of(), List.of());
        }
        Candidate first = candidates.getFirst();
        List<Candidate> tied = candidates.stream()
                .filter(c -> first.differences().isEmpty() ? c.differences().isEmpty() : c.score() >= first.score() - 5)
                .toList();
        return new Ambiguity(tied, settling(tied.stream().map(Candidate::serial).toList()));
    }

    static List<Position> settling(List<String> serials) {
        List<Position> out = new ArrayList<>();
        int shortest = serials.stream().mapToInt(String::length).min().orElse(0);
        int longest = serials.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < shortest; i++) {
            Set<String> at = new LinkedHashSet<>();
            for (String s : serials) {
                at.add(String.valueOf(s.charAt(i)));
            }
            if (at.size() > 1) {
                out.add(new Position(i + 1, List.copyOf(at)));
            }
        }
        if (longest > shortest) {
            Set<String> lengths = new LinkedHashSet<>();
            for (String s : serials) {
                lengths.add(s.length() > shortest ? s.substring(shortest) : "");
            }
            out.add(new Position(shortest + 1, List.copyOf(lengths)));
        }
        return out;
    }
}
