package org.rastro.crafted;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pairwise link score: a logistic model over evidence features, each in [0, 1] — {@code score = 1 / (1 +
 * e^-(b + Σ wᵢ·xᵢ))} with the weights of {@link EvidenceKind} and the intercept {@link #INTERCEPT}. Every
 * feature that contributes is returned as evidence with the facts behind it, so no score goes unexplained.
 *
 * <p>The weights are fitted on a generated world with known producers ({@link CraftedWorld}, seed 1) and
 * measured on others ({@code rastro-bench crafted}; docs/UNTRACEABLE.md and docs/BENCHMARKS.md).
 */
public final class LinkModel {

    /** With no evidence at all, a pair scores about 0.011 (fitted with the weights). */
    public static final double INTERCEPT = -4.46;

    /**
     * A link at or above this joins its two weapons into one series: the threshold that gave the fitted weights
     * the best B-cubed F1 on the training world. Series link by chains, so only near-certain links may join.
     */
    public static final double SERIES_THRESHOLD = 0.95;

    /**
     * The size of a design family in the world the weights were fitted on (rounded): beyond it, the prior odds
     * that two weapons of a design share a producer fall as 1 / n ({@link EvidenceKind#BASE_RATE}).
     */
    public static final int REFERENCE_POPULATION = 500;

    /** Links below this are not kept as proposals. */
    public static final double PROPOSAL_THRESHOLD = 0.2;

    /** One feature of a pair: its kind, its value (in [0, 1]; below 0 where it speaks against), its facts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(EvidenceKind kind, double value, List<String> facts) {
        public Evidence {
            facts = List.copyOf(facts);
        }

        /** What it adds to the score's exponent: the kind's weight times the value. */
        @JsonProperty("contribution")
        public double contribution() {
            return kind.weight() * value;
        }
    }

    /** A scored pair. */
    public record Link(double score, List<Evidence> evidence) {
        public Link {
            evidence = List.copyOf(evidence);
        }
    }

    private LinkModel() {}

    /**
     * The score of a pair with the model's weights ({@link EvidenceKind#weight()}, {@link #INTERCEPT}), among at
     * most {@link #REFERENCE_POPULATION} recorded weapons of their designs.
     */
    public static Link score(CraftedWeapon a, CraftedWeapon b) {
        return score(a, b, 0);
    }

    /**
     * The score of a pair when {@code population} weapons of the larger of their two design families are recorded.
     */
    public static Link score(CraftedWeapon a, CraftedWeapon b, int population) {
        List<Evidence> evidence = new ArrayList<>(evidence(a, b));
        baseRate(population).ifPresent(evidence::add);
        double z = INTERCEPT
                + evidence.stream().mapToDouble(Evidence::contribution).sum();
        return new Link(1 / (1 + Math.exp(-z)), evidence);
    }

    /** The evidence between two weapons: every feature that is not zero, with its facts. */
    public static List<Evidence> evidence(CraftedWeapon a, CraftedWeapon b) {
        List<Evidence> evidence = new ArrayList<>();
        CraftedDescription da = a.description();
        CraftedDescription db = b.description();

        Set<String> shared = new HashSet<>(da.ballistic());
        shared.retainAll(db.ballistic());
        if (!shared.isEmpty()) {
            evidence.add(new Evidence(
                    EvidenceKind.BALLISTIC_LEAD, 1, shared.stream().sorted().toList()));
        }
        sharedComponent(da, db).ifPresent(evidence::add);
        String caseA = key(a.caseNumber());
        if (!caseA.isEmpty() && caseA.equals(key(b.caseNumber()))) {
            evidence.add(new Evidence(EvidenceKind.CO_SEIZURE, 1, List.of(a.caseNumber())));
        }
        if (da.printed() != null && db.printed() != null) {
            printProfile(da, db).ifPresent(evidence::add);
        }
        String ma = normalised(da.markings());
        if (!ma.isEmpty() && ma.equals(normalised(db.markings()))) {
            evidence.add(
                    new Evidence(EvidenceKind.MARKINGS, 1, List.of(da.markings().strip())));
        }
        if (da.machined() != null && db.machined() != null) {
            toolMarks(da.machined(), db.machined()).ifPresent(evidence::add);
        }
        placeAndTime(a, b).ifPresent(evidence::add);
        if (da.family() == db.family() && da.family() != DesignFamily.OTHER) {
            double sure =
                    da.certaintyOf("family").weight() * db.certaintyOf("family").weight();
            evidence.add(new Evidence(
                    EvidenceKind.SAME_DESIGN, sure, List.of(da.family().name())));
        }
        return evidence;
    }
    /** The base rate's term: ln(500 / n) once more than 500 of the design are recorded. */
    static Optional<Evidence> baseRate(int population) {
        if (population <= REFERENCE_POPULATION) {
            return Optional.empty();
        }
        return Optional.of(
                new Evidence(EvidenceKind.BASE_RATE, baseRateValue(population), List.of(String.valueOf(population))));
    }

    static double baseRateValue(int population) {
        return population <= REFERENCE_POPULATION ? 0 : Math.log((double) REFERENCE_POPULATION / population);
    }

    /** Parts of one make whose serials' numbers lie within a production run of each other. */
    private static Optional<Evidence> sharedComponent(CraftedDescription a, CraftedDescription b) {
        for (CraftedDescription.Part pa : a.parts()) {
            for (CraftedDescription.Part pb : b.parts()) {
                String make = key(pa.make());
                if (make.isEmpty() || !make.equals(key(pb.make()))) {
                    continue;
                }
                Optional<SerialRun> ra = SerialRun.of(pa.serial());
                Optional<SerialRun> rb = SerialRun.of(pb.serial());
                if (ra.isEmpty()
                        || rb.isEmpty()
                        || !ra.get().prefix().equals(rb.get().prefix())) {
                    continue;
                }
                long gap = Math.abs(ra.get().number() - rb.get().number());
                if (gap <= RUN) {
                    return Optional.of(new Evidence(
                            EvidenceKind.SHARED_COMPONENT_SOURCE,
                            1 - gap / (2.0 * RUN),
                            List.of(pa.make(), pa.serial(), pb.serial())));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A serial read as a production run's prefix and its number ("AB-001234" → AB, 1234): empty when it does not
     * end in digits or its number is too long to be one.
     */
    record SerialRun(String prefix, long number) {
        static Optional<SerialRun> of(String serial) {
            String s = serial.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
            String prefix = s.replaceAll("[0-9]+$", "");
            String number = s.substring(prefix.length());
            if (number.isEmpty() || number.length() > 12) {
                return Optional.empty();
            }
            return Optional.of(new SerialRun(prefix, Long.parseLong(number)));
        }
    }

    /** Serials this close in one make and prefix are taken as one production run (one shipment, one theft). */
    static final long RUN = 500;

    /**
     * The printer's habits compared: each observation both recorded counts +1 when it agrees and −1 when it
     * differs (a different layer height is evidence of another printer), weighed by both certainties; the sum
     * over the six observations, divided by six, in [−1, 1].
     */
    private static Optional<Evidence> printProfile(CraftedDescription da, CraftedDescription db) {
        CraftedDescription.Printed a = da.printed();
        CraftedDescription.Printed b = db.printed();
        double sum = 0;
        int compared = 0;
        List<String> facts = new ArrayList<>();
        record Field(String name, Object x, Object y, boolean same) {}
        List<Field> fields = List.of(
                new Field("polymer", a.polymer(), b.polymer(), Objects.equals(a.polymer(), b.polymer())),
                new Field(
                        "colour",
                        lower(a.colour()),
                        lower(b.colour()),
                        Objects.equals(lower(a.colour()), lower(b.colour()))),
                new Field(
                        "layerHeightMm",
                        a.layerHeightMm(),
                        b.layerHeightMm(),
                        a.layerHeightMm() != null
                                && b.layerHeightMm() != null
                                && Math.abs(a.layerHeightMm() - b.layerHeightMm()) <= 0.04),
                new Field(
                        "infillPercent",
                        a.infillPercent(),
                        b.infillPercent(),
                        a.infillPercent() != null
                                && b.infillPercent() != null
                                && Math.abs(a.infillPercent() - b.infillPercent()) <= 5),
                new Field(
                        "orientation",
                        lower(a.orientation()),
                        lower(b.orientation()),
                        Objects.equals(lower(a.orientation()), lower(b.orientation()))),
                new Field("seam", lower(a.seam()), lower(b.seam()), Objects.equals(lower(a.seam()), lower(b.seam()))));
        for (Field f : fields) {
            if (f.x() == null || f.y() == null) {
                continue;
            }
            double sure = da.certaintyOf("printed." + f.name()).weight()
                    * db.certaintyOf("printed." + f.name()).weight();
            compared++;
            if (f.same()) {
                sum += sure;
                facts.add(f.name() + "=" + f.x());
            } else {
                sum -= sure;
                facts.add(f.name() + ":" + f.x() + "≠" + f.y());
            }
        }
        // Fewer than two observations in common say too little about a printer's habits.
        if (compared < 2 || sum == 0) {
            return Optional.empty();
        }
        return Optional.of(new Evidence(EvidenceKind.PRINT_PROFILE, sum / 6.0, facts));
    }

    /**
     * Tool marks and barrel: the shared share of the tool marks either recorded (Jaccard), and the barrel kind,
     * +1 when the same and −1 when both are known and differ; the mean of the two, in [−0.5, 1].
     */
    private static Optional<Evidence> toolMarks(CraftedDescription.Machined a, CraftedDescription.Machined b) {
        Set<ToolMark> both = new HashSet<>(a.toolMarks());
        both.retainAll(b.toolMarks());
        Set<ToolMark> either = new HashSet<>(a.toolMarks());
        either.addAll(b.toolMarks());
        double marks = either.isEmpty() ? 0 : (double) both.size() / either.size();
        double barrel = a.barrel() == null || b.barrel() == null ? 0 : a.barrel() == b.barrel() ? 1 : -1;
        double value = (marks + barrel) / 2;
        if (value == 0) {
            return Optional.empty();
        }
        List<String> facts =
                new ArrayList<>(both.stream().map(Enum::name).sorted().toList());
        if (barrel != 0) {
            facts.add(
                    barrel > 0
                            ? a.barrel().name()
                            : a.barrel().name() + "≠" + b.barrel().name());
        }
        return Optional.of(new Evidence(EvidenceKind.TOOL_MARKS, value, facts));
    }

    /** Closeness in space (50 km scale) and time (half a year scale), when both places are known. */
    private static Optional<Evidence> placeAndTime(CraftedWeapon a, CraftedWeapon b) {
        if (a.latitude() == null || b.latitude() == null || a.recoveredOn() == null || b.recoveredOn() == null) {
            return Optional.empty();
        }
        double km = kilometres(a.latitude(), a.longitude(), b.latitude(), b.longitude());
        long days = Math.abs(ChronoUnit.DAYS.between(a.recoveredOn(), b.recoveredOn()));
        double value = Math.exp(-(km / 50 + days / 180.0));
        if (value < 0.05) {
            return Optional.empty();
        }
        return Optional.of(new Evidence(
                EvidenceKind.PLACE_AND_TIME, value, List.of(String.valueOf(Math.round(km)), String.valueOf(days))));
    }

    /**
     * The distance by the equirectangular approximation (the longitude difference scaled by the geometric mean of
     * the two latitudes' cosines): within 0.5 % of the great circle over the few hundred kilometres where place
     * and time still count, and without the arcsine that made re-scoring every pair slow. LinkIndex computes the
     * same from its stored radians and cosines, in the same order.
     */
    static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        return equirectangular(p1, Math.toRadians(lon1), Math.cos(p1), p2, Math.toRadians(lon2), Math.cos(p2));
    }

    /** The equirectangular distance in kilometres from latitudes and longitudes in radians and the latitudes' cosines. */
    static double equirectangular(double lat1, double lon1, double cos1, double lat2, double lon2, double cos2) {
        double dl = Math.abs(lon2 - lon1);
        if (dl > Math.PI) {
            dl = 2 * Math.PI - dl;
        }
        double x = dl * Math.sqrt(cos1 * cos2);
        double y = lat2 - lat1;
        return 6371 * Math.sqrt(x * x + y * y);
    }

    /** A free-text observation compared without case or surrounding blanks; null when blank. */
    static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    /** Markings compared without case and with runs of blanks as one. */
    static String normalised(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** A case number or a make compared without case or surrounding blanks; "" when absent. */
    static String key(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }
}
