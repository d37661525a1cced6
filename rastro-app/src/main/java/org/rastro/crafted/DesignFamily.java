package org.rastro.crafted;

/** The design a crafted weapon follows, as examiners name it. */
public enum DesignFamily {
    FGC9,
    GLOCK_PATTERN_FRAME,
    AR15_LOWER,
    LIBERATOR,
    STEN_LUTY,
    WORKSHOP_SMG,
    SHOTGUN_PIPE,
    ALARM_PISTOL,
    OTHER
}
