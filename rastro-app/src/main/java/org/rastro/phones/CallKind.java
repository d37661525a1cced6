package org.rastro.phones;

/** What a call detail record is of. */
public enum CallKind {
    VOICE,
    SMS,
    DATA
}
