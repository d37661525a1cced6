package org.rastro.crafted;

/** What a crafted weapon's barrel is. */
public enum BarrelType {
    /** Rifled by electrochemical machining, as FGC-9 builders do. */
    ECM_RIFLED,
    /** A plain tube, unrifled. */
    SMOOTH_TUBE,
    /** A commercial barrel, often with a serial of its own. */
    COMMERCIAL,
    /** Rifled in a workshop (broach, button). */
    WORKSHOP_RIFLED
}
