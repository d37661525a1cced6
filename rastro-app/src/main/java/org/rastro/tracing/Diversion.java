package org.rastro.tracing;

/**
 * How a recovered weapon left lawful custody, as its custody record says; stored with each trace
 * ({@code trace.diversion}) and offered, in this order, as the dashboards' filter.
 */
public enum Diversion {
    /** No registered weapon fits the reading. */
    NOT_IN_REGISTRY,
    /** Only uncertain candidates: not named (dashboards only; a trace never stores it). */
    UNIDENTIFIED,
    LOSS_REPORTED,
    THEFT_REPORTED,
    ISSUED_NOT_RETURNED,
    SENT_NEVER_RECEIVED,
    NEVER_DELIVERED,
    DESTROYED_YET_RECOVERED,
    /** Held on record, but its holder counted its stock since and did not see it. */
    MISSING_AT_COUNT,
    SOLD_TO_POLICE,
    ALREADY_RECOVERED,
    HELD_ON_RECORD,
    NEVER_IN_CUSTODY
}
