package org.rastro.crafted;

import java.time.LocalDate;

/** A recorded untraceable weapon as the link model reads it: the description and where and when it was found. */
public record CraftedWeapon(
        long id,
        String caseNumber,
        LocalDate recoveredOn,
        Double latitude,
        Double longitude,
        CraftedDescription description) {}
