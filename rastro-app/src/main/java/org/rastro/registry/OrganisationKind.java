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
    EXPORTER,
    /** An authority that recovers weapons and asks for traces (a prosecutor, the National Guard, a municipal police). */
    AUTHORITY;

    /** Kinds that hold weapons in Mexico and so can be a holder or a person's unit. */
    public boolean holdsWeapons() {
        return switch (this) {
            case MINISTRY, MILITARY_REGION, MILITARY_ZONE, UNIT, ARMORY, DEPOT, POLICE_FORCE -> true;
            case MANUFACTURER, EXPORTER, AUTHORITY -> false;
        };
    }
}
