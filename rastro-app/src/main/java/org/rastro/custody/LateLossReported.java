package org.rastro.custody;

/**
 * Published after the commit of a loss or theft report for a weapon someone else had already
 * recovered: the owning organisation and the analysts who traced it must hear of it.
 */
public record LateLossReported(long eventId, long weaponId) {}
