package org.rastro.crafted;

/** How sure the examiner is of an observation; a less certain one counts for less in a link. */
public enum Certainty {
    CERTAIN(1.0),
    PROBABLE(0.75),
    POSSIBLE(0.4);

    private final double weight;

    Certainty(double weight) {
        this.weight = weight;
    }

    /** How much an agreement on an observation this sure counts (both sides' weights multiply). */
    public double weight() {
        return weight;
    }
}
