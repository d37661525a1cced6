package org.rastro.crafted;

/** How an untraceable weapon came to be. */
public enum CraftCategory {
    /** Printed on a consumer 3D printer (frame, receiver or the whole gun). */
    PRINTED_3D,
    /** A kit or unfinished frame or receiver (PMF, "80%") finished by its owner. */
    KIT_UNFINISHED_FRAME,
    /** Made in a workshop with lathes, mills, moulds or scrap. */
    WORKSHOP_MADE,
    /** An alarm or blank pistol converted to fire live rounds. */
    CONVERTED_ALARM,
    /** An airsoft or air gun converted to fire live rounds. */
    CONVERTED_AIRSOFT,
    /** A semi-automatic converted to fire automatically (auto sear, switch). */
    CONVERTED_AUTOMATIC,
    /** A deactivated weapon made to fire again. */
    REACTIVATED,
    /** Assembled from parts of other weapons. */
    ASSEMBLED_FROM_PARTS
}
