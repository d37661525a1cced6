package org.rastro.crafted;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The recorded untraceable weapons as columns of numbers, so that a new weapon can be scored against a hundred
 * thousand in milliseconds and every pair re-scored in seconds. It computes the exponent of {@link LinkModel}
 * (the same features, weights and certainties) from interned codes and primitive arrays instead of records and
 * strings; {@link LinkModel} stays the reference that explains a link, and {@code LinkIndexTest} holds the two
 * to the same value on every pair of generated worlds.
 *
 * <p>Rows are only appended. Not thread-safe for writing: {@link CraftedLinking} appends under its lock, and
 * reads run after the appends they depend on.
 */
final class LinkIndex {

    private static final int NONE = -1;
    private static final DesignFamily[] FAMILIES = DesignFamily.values();

    /** Strings interned to numbers, shared by an index and its probes so that equal codes mean equal text. */
    static final class Dictionary {
        private final Map<String, Integer> codes = new HashMap<>();

        synchronized int code(String s) {
            if (s == null || s.isEmpty()) {
                return NONE;
            }
            return codes.computeIfAbsent(s, k -> codes.size());
        }
    }

    private final Dictionary dictionary;
    private int size;
    private long[] id = new long[16];
    private byte[] family = new byte[16];
    private double[] familySure = new double[16];
    private int[] caseCode = new int[16];
    private double[] latRad = new double[16];
    private double[] lonRad = new double[16];
    private double[] cosLat = new double[16];
    private long[] day = new long[16];
    private boolean[] printed = new boolean[16];
    private int[] polymer = new int[16];
    private int[] colour = new int[16];
    private double[] layer = new double[16];
    private int[] infill = new int[16];
    private int[] orientation = new int[16];
    private int[] seam = new int[16];
    /**
     * Per row the six print observations' certainties, in the order polymer, colour, layer, infill, orientation,
     * seam — 0 for an observation not recorded, so that it adds nothing; and which of the six were recorded.
     */
    private double[] printSure = new double[16 * 6];

    private int[] printMask = new int[16];

    private boolean[] machined = new boolean[16];
    private int[] toolMarks = new int[16];
    private int[] barrel = new int[16];
    private int[] markings = new int[16];
    private int[][] ballistic = new int[16][];
    /** Per row its commercial parts as (make, prefix) codes and run numbers; null when it has none. */
    private int[][] partMake = new int[16][];

    private int[][] partPrefix = new int[16][];
    private long[][] partNumber = new long[16][];

    private final List<IntList> byFamily = new ArrayList<>();
    /** Per design family, the base rate's value for its number of rows. */
    private final double[] familyBase = new double[FAMILIES.length];

    private final Map<Integer, IntList> byCase = new HashMap<>();
    private final Map<Integer, IntList> byBallistic = new HashMap<>();
    private final Map<Integer, IntList> byMake = new HashMap<>();

    LinkIndex() {
        this(new Dictionary());
    }

    private LinkIndex(Dictionary dictionary) {
        this.dictionary = dictionary;
        for (int f = 0; f < FAMILIES.length; f++) {
            byFamily.add(new IntList());
        }
    }

    /** A one-row index of a weapon not (yet) recorded, to score against this one. */
    LinkIndex probe(CraftedWeapon weapon) {
        LinkIndex probe = new LinkIndex(dictionary);
        probe.add(weapon);
        return probe;
    }

    int size() {
        return size;
    }

    long id(int row) {
        return id[row];
    }

    /** The highest weapon number held (0 when empty): rows come in the order they were recorded. */
    long lastId() {
        return size == 0 ? 0 : id[size - 1];
    }

    /** Appends a weapon; returns its row. */
    int add(CraftedWeapon w) {
        grow();
        int r = size;
        CraftedDescription d = w.description();
        id[r] = w.id();
        family[r] = (byte) d.family().ordinal();
        familySure[r] = d.certaintyOf("family").weight();
        caseCode[r] = dictionary.code(LinkModel.key(w.caseNumber()));
        boolean placed = w.latitude() != null && w.longitude() != null && w.recoveredOn() != null;
        latRad[r] = placed ? Math.toRadians(w.latitude()) : Double.NaN;
        lonRad[r] = placed ? Math.toRadians(w.longitude()) : Double.NaN;
        cosLat[r] = placed ? Math.cos(latRad[r]) : Double.NaN;
        day[r] = placed ? w.recoveredOn().toEpochDay() : 0;
        CraftedDescription.Printed p = d.printed();
        printed[r] = p != null;
        polymer[r] = p == null || p.polymer() == null ? NONE : p.polymer().ordinal();
        colour[r] = p == null ? NONE : dictionary.code(LinkModel.lower(p.colour()));
        layer[r] = p == null || p.layerHeightMm() == null ? Double.NaN : p.layerHeightMm();
        infill[r] = p == null || p.infillPercent() == null ? Integer.MIN_VALUE : p.infillPercent();
        orientation[r] = p == null ? NONE : dictionary.code(LinkModel.lower(p.orientation()));
        seam[r] = p == null ? NONE : dictionary.code(LinkModel.lower(p.seam()));
        String[] fields = {"polymer", "colour", "layerHeightMm", "infillPercent", "orientation", "seam"};
        boolean[] recorded = {
            polymer[r] != NONE,
            colour[r] != NONE,
            !Double.isNaN(layer[r]),
            infill[r] != Integer.MIN_VALUE,
            orientation[r] != NONE,
            seam[r] != NONE
        };
        int mask = 0;
        for (int f = 0; f < 6; f++) {
            printSure[r * 6 + f] =
                    recorded[f] ? d.certaintyOf("printed." + fields[f]).weight() : 0;
            mask |= recorded[f] ? 1 << f : 0;
        }
        printMask[r] = mask;
        CraftedDescription.Machined m = d.machined();
        machined[r] = m != null;
        int marks = 0;
        if (m != null) {
            for (ToolMark t : m.toolMarks()) {
                marks |= 1 << t.ordinal();
            }
        }
        toolMarks[r] = marks;
        barrel[r] = m == null || m.barrel() == null ? NONE : m.barrel().ordinal();
        markings[r] = dictionary.code(LinkModel.normalised(d.markings()));
        ballistic[r] = d.ballistic().isEmpty()
                ? null
                : d.ballistic().stream()
                        .mapToInt(dictionary::code)
                        .distinct()
                        .sorted()
                        .toArray();
        List<CraftedDescription.Part> parts = d.parts();
        if (parts.isEmpty()) {
            partMake[r] = null;
        } else {
            partMake[r] = new int[parts.size()];
            partPrefix[r] = new int[parts.size()];
            partNumber[r] = new long[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                partMake[r][i] = dictionary.code(LinkModel.key(parts.get(i).make()));
                Optional<LinkModel.SerialRun> run =
                        LinkModel.SerialRun.of(parts.get(i).serial());
                // An unreadable run gets a prefix code no other part shares, so it never matches.
                partPrefix[r][i] =
                        run.isPresent() ? dictionary.code("#" + run.get().prefix()) : Integer.MIN_VALUE;
                partNumber[r][i] = run.map(LinkModel.SerialRun::number).orElse(0L);
            }
        }
        size++;
        byFamily.get(family[r]).add(r);
        familyBase[family[r]] = LinkModel.baseRateValue(byFamily.get(family[r]).size);
        if (caseCode[r] != NONE) {
            byCase.computeIfAbsent(caseCode[r], k -> new IntList()).add(r);
        }
        if (ballistic[r] != null) {
            for (int b : ballistic[r]) {
                byBallistic.computeIfAbsent(b, k -> new IntList()).add(r);
            }
        }
        if (partMake[r] != null) {
            for (int mk : Arrays.stream(partMake[r]).distinct().toArray()) {
                if (mk != NONE) {
                    byMake.computeIfAbsent(mk, k -> new IntList()).add(r);
                }
            }
        }
        return r;
    }

    /** How many weapons of the larger of two design families the index holds: the base rate's population. */
    int population(DesignFamily a, DesignFamily b) {
        return Math.max(byFamily.get(a.ordinal()).size, byFamily.get(b.ordinal()).size);
    }

    /**
     * Calls {@code action} with every row that could link to row {@code r} of {@code probe} (a row of this index
     * or of a probe): the same design family, the same case, a shared ballistic reference, or a commercial part
     * of the same make — once each, never {@code r} itself when the probe is this index.
     */
    void comparable(LinkIndex probe, int r, IntConsumer action) {
        comparable(probe, r, -1, action);
    }

    /** As {@link #comparable(LinkIndex, int, IntConsumer)} for a row of this index, only the rows after it. */
    void comparableAfter(int r, IntConsumer action) {
        comparable(this, r, r, action);
    }

    private void comparable(LinkIndex probe, int r, int after, IntConsumer action) {
        IntList same = byFamily.get(probe.family[r]);
        // A family's rows are in increasing order: start past {@code after}.
        int at = after < 0 ? -1 : Arrays.binarySearch(same.values, 0, same.size, after);
        int from = after < 0 ? 0 : at >= 0 ? at + 1 : -at - 1;
        for (int i = from; i < same.size; i++) {
            int o = same.values[i];
            if (o > after && (probe != this || o != r)) {
                action.accept(o);
            }
        }
        // Other families only through a case, a reference or a part make: few rows, deduplicated.
        Set<Integer> others = new HashSet<>();
        if (probe.caseCode[r] != NONE) {
            collect(byCase.get(probe.caseCode[r]), probe, r, others);
        }
        if (probe.ballistic[r] != null) {
            for (int b : probe.ballistic[r]) {
                collect(byBallistic.get(b), probe, r, others);
            }
        }
        if (probe.partMake[r] != null) {
            for (int mk : probe.partMake[r]) {
                if (mk != NONE) {
                    collect(byMake.get(mk), probe, r, others);
                }
            }
        }
        others.stream().filter(o -> o > after).sorted().forEach(action::accept);
    }

    private void collect(IntList rows, LinkIndex probe, int r, Set<Integer> into) {
        if (rows == null) {
            return;
        }
        for (int i = 0; i < rows.size; i++) {
            int o = rows.values[i];
            if (family[o] != probe.family[r]) {
                into.add(o);
            }
        }
    }

    /**
     * The link model's exponent between row {@code r} of {@code probe} and row {@code o} of this index: the
     * intercept plus every feature's weight times its value, as {@link LinkModel#evidence} computes them.
     */
    double z(LinkIndex probe, int r, int o) {
        return z(probe, r, o, Double.NEGATIVE_INFINITY);
    }

    /**
     * As {@link #z(LinkIndex, int, int)}, or minus infinity as soon as the exponent cannot exceed {@code floor}:
     * before the print profile, tool marks and place are worked out, their best is added to what is known, and
     * a pair that could not beat the floor even so is dropped (what re-clustering and an intake already keep).
     */
    double z(LinkIndex probe, int r, int o, double floor) {
        double z = LinkModel.INTERCEPT
                + EvidenceKind.BASE_RATE.weight() * Math.min(familyBase[probe.family[r]], familyBase[family[o]]);
        if (probe.family[r] == family[o] && FAMILIES[family[o]] != DesignFamily.OTHER) {
            z += EvidenceKind.SAME_DESIGN.weight() * probe.familySure[r] * familySure[o];
        }
        if (probe.ballistic[r] != null && ballistic[o] != null && intersects(probe.ballistic[r], ballistic[o])) {
            z += EvidenceKind.BALLISTIC_LEAD.weight();
        }
        if (probe.partMake[r] != null && partMake[o] != null) {
            z += EvidenceKind.SHARED_COMPONENT_SOURCE.weight() * sharedComponent(probe, r, o);
        }
        if (probe.caseCode[r] != NONE && probe.caseCode[r] == caseCode[o]) {
            z += EvidenceKind.CO_SEIZURE.weight();
        }
        if (probe.markings[r] != NONE && probe.markings[r] == markings[o]) {
            z += EvidenceKind.MARKINGS.weight();
        }
        boolean print = probe.printed[r] && printed[o];
        boolean tools = probe.machined[r] && machined[o];
        boolean placed = !Double.isNaN(probe.latRad[r]) && !Double.isNaN(latRad[o]);
        // Along the meridian is the shortest a distance can be: the nearest place and time can come.
        double nearest = placed
                ? 6371 * Math.abs(probe.latRad[r] - latRad[o]) / 50 + Math.abs(probe.day[r] - day[o]) / 180.0
                : Double.POSITIVE_INFINITY;
        boolean near = nearest <= FAR;
        if (floor > Double.NEGATIVE_INFINITY) {
            double best = z
                    + (print
                            ? EvidenceKind.PRINT_PROFILE.weight()
                                    * Integer.bitCount(probe.printMask[r] & printMask[o])
                                    / 6.0
                            : 0)
                    + (tools ? EvidenceKind.TOOL_MARKS.weight() : 0)
                    // 1 / (1 + x + x²/2) is at least e^−x for x ≥ 0, and costs no exponential.
                    + (near ? EvidenceKind.PLACE_AND_TIME.weight() / (1 + nearest + nearest * nearest / 2) : 0);
            // A hair above: sums in another order may round the last bit the other way.
            if (best + 1e-9 <= floor) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        if (print) {
            z += EvidenceKind.PRINT_PROFILE.weight() * printProfile(probe, r, o);
        }
        if (tools) {
            z += EvidenceKind.TOOL_MARKS.weight() * toolMarks(probe, r, o);
        }
        if (near) {
            if (z + EvidenceKind.PLACE_AND_TIME.weight() * Math.exp(-nearest) + 1e-9 <= floor) {
                return Double.NEGATIVE_INFINITY;
            }
            z += EvidenceKind.PLACE_AND_TIME.weight() * placeAndTime(probe, r, o);
        }
        return z;
    }

    private static boolean intersects(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    private double sharedComponent(LinkIndex probe, int r, int o) {
        int[] makesA = probe.partMake[r];
        for (int i = 0; i < makesA.length; i++) {
            for (int j = 0; j < partMake[o].length; j++) {
                if (makesA[i] == NONE
                        || makesA[i] != partMake[o][j]
                        || probe.partPrefix[r][i] == Integer.MIN_VALUE
                        || probe.partPrefix[r][i] != partPrefix[o][j]) {
                    continue;
                }
                long gap = Math.abs(probe.partNumber[r][i] - partNumber[o][j]);
                if (gap <= LinkModel.RUN) {
                    return 1 - gap / (2.0 * LinkModel.RUN);
                }
            }
        }
        return 0;
    }

    /**
     * The print profile without a branch per observation: an observation not recorded on either side has a
     * certainty of 0 and adds nothing, whatever its code; the sum in the same order as {@link LinkModel}.
     */
    private double printProfile(LinkIndex probe, int r, int o) {
        if (Integer.bitCount(probe.printMask[r] & printMask[o]) < 2) {
            return 0;
        }
        double[] sa = probe.printSure;
        int ra = r * 6;
        int rb = o * 6;
        double sum = 0;
        sum += (probe.polymer[r] == polymer[o] ? 1 : -1) * (sa[ra] * printSure[rb]);
        sum += (probe.colour[r] == colour[o] ? 1 : -1) * (sa[ra + 1] * printSure[rb + 1]);
        sum += (Math.abs(probe.layer[r] - layer[o]) <= 0.04 ? 1 : -1) * (sa[ra + 2] * printSure[rb + 2]);
        sum += (Math.abs((long) probe.infill[r] - infill[o]) <= 5 ? 1 : -1) * (sa[ra + 3] * printSure[rb + 3]);
        sum += (probe.orientation[r] == orientation[o] ? 1 : -1) * (sa[ra + 4] * printSure[rb + 4]);
        sum += (probe.seam[r] == seam[o] ? 1 : -1) * (sa[ra + 5] * printSure[rb + 5]);
        return sum / 6.0;
    }

    private double toolMarks(LinkIndex probe, int r, int o) {
        int either = Integer.bitCount(probe.toolMarks[r] | toolMarks[o]);
        double marks = either == 0 ? 0 : (double) Integer.bitCount(probe.toolMarks[r] & toolMarks[o]) / either;
        int ba = probe.barrel[r];
        int bb = barrel[o];
        double sameBarrel = ba == NONE || bb == NONE ? 0 : ba == bb ? 1 : -1;
        return (marks + sameBarrel) / 2;
    }

    /** Place and time as {@link LinkModel} computes them: 0 below 0.05. */
    private double placeAndTime(LinkIndex probe, int r, int o) {
        long days = Math.abs(probe.day[r] - day[o]);
        double km = LinkModel.equirectangular(
                probe.latRad[r], probe.lonRad[r], probe.cosLat[r], latRad[o], lonRad[o], cosLat[o]);
        double value = Math.exp(-(km / 50 + days / 180.0));
        return value < 0.05 ? 0 : value;
    }

    /** −ln(0.05) and a margin: beyond it place and time is dropped, as in {@link LinkModel}. */
    private static final double FAR = 3.0;

    private void grow() {
        if (size < id.length) {
            return;
        }
        int n = id.length * 2;
        id = Arrays.copyOf(id, n);
        family = Arrays.copyOf(family, n);
        familySure = Arrays.copyOf(familySure, n);
        caseCode = Arrays.copyOf(caseCode, n);
        latRad = Arrays.copyOf(latRad, n);
        lonRad = Arrays.copyOf(lonRad, n);
        cosLat = Arrays.copyOf(cosLat, n);
        day = Arrays.copyOf(day, n);
        printed = Arrays.copyOf(printed, n);
        polymer = Arrays.copyOf(polymer, n);
        colour = Arrays.copyOf(colour, n);
        layer = Arrays.copyOf(layer, n);
        infill = Arrays.copyOf(infill, n);
        orientation = Arrays.copyOf(orientation, n);
        seam = Arrays.copyOf(seam, n);
        printSure = Arrays.copyOf(printSure, n * 6);
        machined = Arrays.copyOf(machined, n);
        toolMarks = Arrays.copyOf(toolMarks, n);
        printMask = Arrays.copyOf(printMask, n);
        barrel = Arrays.copyOf(barrel, n);
        markings = Arrays.copyOf(markings, n);
        ballistic = Arrays.copyOf(ballistic, n);
        partMake = Arrays.copyOf(partMake, n);
        partPrefix = Arrays.copyOf(partPrefix, n);
        partNumber = Arrays.copyOf(partNumber, n);
    }

    /** A growable list of rows. */
    private static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
