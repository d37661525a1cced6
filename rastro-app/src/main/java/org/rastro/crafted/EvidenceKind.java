package org.rastro.crafted;

/**
 * The kinds of evidence that link two untraceable weapons, each with its weight in the link model
 * ({@link LinkModel}), fitted by logistic regression on a generated world with known producers
 * ({@code rastro-bench crafted}, seed 1; docs/UNTRACEABLE.md). The same design alone weighs little; a shared
 * component run, the same markings, the same printer's habits and closeness in place and time weigh most.
 */
public enum EvidenceKind {
    /** Both weapons are tied to the same ballistic reference (an IBIS/NIBIN lead, a casing, a bullet). */
    BALLISTIC_LEAD(4.44),
    /** Commercial parts of the same make with serials from the same run. */
    SHARED_COMPONENT_SOURCE(9.86),
    /** Seized together, in the same case. */
    CO_SEIZURE(4.89),
    /** The same printer's habits: polymer, colour, layer height, infill, orientation, seam. */
    PRINT_PROFILE(7.73),
    /** The same text, logo or marking. */
    MARKINGS(8.71),
    /** The same tools' marks and the same kind of barrel. */
    TOOL_MARKS(3.90),
    /** Recovered near each other, near in time. */
    PLACE_AND_TIME(6.78),
    /** The same design family. */
    SAME_DESIGN(0.90),
    /**
     * How common the design is among the recorded weapons: the more of it there are, the likelier a likeness
     * is chance. Its value is ln(500 / n) once more than {@value LinkModel#REFERENCE_POPULATION} weapons of the
     * design are recorded (0 before), its weight 1 — not fitted: it moves the prior odds that two weapons of a
     * design share a producer as the number of producers grows with the weapons recorded.
     */
    BASE_RATE(1.0);

    private final double weight;

    EvidenceKind(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }
}
