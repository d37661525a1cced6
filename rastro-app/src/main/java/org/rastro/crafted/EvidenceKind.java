package org.rastro.crafted;

/**
 * The kinds of evidence that link two untraceable weapons, each with its weight in the link model
 * ({@link LinkModel}): ballistic leads, shared component sources and co-seizure are strong; class features
 * (the same design, the same printer's habits) are weak alone.
 */
public enum EvidenceKind {
    /** Both weapons are tied to the same ballistic reference (an IBIS/NIBIN lead, a casing, a bullet). */
    BALLISTIC_LEAD(7.0),
    /** Commercial parts of the same make with serials from the same run. */
    SHARED_COMPONENT_SOURCE(6.0),
    /** Seized together, in the same case. */
    CO_SEIZURE(5.0),
    /** The same printer's habits: polymer, colour, layer height, infill, orientation, seam. */
    PRINT_PROFILE(3.5),
    /** The same text, logo or marking. */
    MARKINGS(3.0),
    /** The same tools' marks and the same kind of barrel. */
    TOOL_MARKS(2.5),
    /** Recovered near each other, near in time. */
    PLACE_AND_TIME(2.0),
    /** The same design family. */
    SAME_DESIGN(1.5);

    private final double weight;

    EvidenceKind(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }
}
