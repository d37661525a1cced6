package org.rastro.crafted;

/** The plastic a printed part is made of. */
public enum Polymer {
    PLA,
    PLA_PLUS,
    PETG,
    ABS,
    NYLON,
    CARBON_FIBRE_NYLON,
    OTHER
}
