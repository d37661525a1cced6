package org.rastro.registry;

/** Kinds of organisation, mirrored by the {@code organisation_kind} table. */
public enum OrganisationKind {
    MINISTRY,
    MILITARY_REGION,
    MILITARY_ZONE,
    UNIT,
    ARMORY,
    DEPOT,
    POLICE_FORCE,
    MANUFACTURER,
    EXPORTER;

    /** Kinds that hold weapons in Mexico and so can be a holder or a person's unit. */
    public boolean holdsWeapons() {
        return this != MANUFACTURER && this != EXPORTER;
    }
}
