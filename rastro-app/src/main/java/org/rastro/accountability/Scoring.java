package org.rastro.accountability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arithmetic of risk scores, pure: points capped per factor, a score the sum of its reasons (at
 * most 100, and only facts worth points are reasons), subjects ranked highest first, rates by the
 * lower bound of their Wilson interval so that small samples cannot inflate them, and medians.
 */
final class Scoring {

    private Scoring() {}

    static int cap(long points, int max) {
        return (int) Math.max(0, Math.min(max, points));
    }

    static Map<String, Double> medianRatios(List<RiskScores.LotAccount> accounts) {
        Map<String, List<Double>> byType = new HashMap<>();
        for (RiskScores.LotAccount a : accounts) {
            if (a.perParticipant() != null) {
                byType.computeIfAbsent(a.ordnanceType(), k -> new ArrayList<>()).add(a.perParticipant());
            }
        }
        Map<String, Double> out = new HashMap<>();
        byType.forEach((type, values) -> out.put(type, median(values)));
        return out;
    }

    static void add(
            List<RiskScores.Scored> out,
            String subject,
            String name,
            String kind,
            String holder,
            List<RiskScores.Factor> found) {
        // A fact worth no points (a rate barely above the median) is not a reason.
        List<RiskScores.Factor> factors =
                new ArrayList<>(found.stream().filter(f -> f.points() > 0).toList());
        if (!factors.isEmpty()) {
            factors.sort(Comparator.comparingInt(RiskScores.Factor::points).reversed());
            out.add(new RiskScores.Scored(
                    subject,
                    name,
                    kind,
                    holder,
                    Math.min(
                            100,
                            factors.stream().mapToInt(RiskScores.Factor::points).sum()),
                    List.copyOf(factors)));
        }
    }

    static List<RiskScores.Scored> ranked(List<RiskScores.Scored> scored) {
        return scored.stream()
                .sorted(Comparator.comparingInt(RiskScores.Scored::score)
                        .reversed()
                        .thenComparing(RiskScores.Scored::subject))
                .toList();
    }

    /** The lower bound of the 95% Wilson interval of k successes in n: a rate that small samples cannot inflate. */
    /**
     * The points of a loss rate against its peers: none unless its 95% lower bound exceeds their median; then
     * 60 × log10 of the bound over the median (the median floored at 0.5%, so that peers who lose nothing do
     * not make any loss infinitely alarming), at most 60. A bound ten times the median is worth 60: above the
     * default alert threshold of 50 on its own; three times, 29; twice, 18.
     */
    static int lossRatePoints(double lowerBound, double median) {
        if (lowerBound <= median) {
            return 0;
        }
        return cap(Math.round(60 * Math.log10(lowerBound / Math.max(median, 0.005))), 60);
    }

    static double wilsonLower(long k, long n) {
        if (n == 0) {
            return 0;
        }
        double z = 1.96;
        double p = (double) k / n;
        double centre = p + z * z / (2 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return Math.max(0, (centre - spread) / (1 + z * z / n));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
