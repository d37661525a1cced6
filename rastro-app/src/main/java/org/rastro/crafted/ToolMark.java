package org.rastro.crafted;

/** Marks the tools that made a machined part left on it. */
public enum ToolMark {
    LATHE,
    MILL,
    DRILL,
    FILE,
    WELD,
    CAST
}
