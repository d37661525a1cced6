package org.rastro.phones;

/** Whether the A number made the call or received it. */
public enum Direction {
    OUT,
    IN
}
