package org.rastro.phones;

/** What an operator's file is: a phone's call records, or every phone seen at a warrant's cells (a tower dump). */
public enum ImportKind {
    /** Call detail records of the warrant's numbers and handsets (and of its cells). */
    CDR,
    /** All phones seen at the warrant's cells in its window: only rows at one of those cells are kept. */
    TOWER_DUMP;

    /** The kind a client names (none is CDR); anything else is bad input. */
    static ImportKind named(String name) {
        if (name == null || name.isBlank()) {
            return CDR;
        }
        for (ImportKind k : values()) {
            if (k.name().equals(name.strip())) {
                return k;
            }
        }
        throw Investigations.TEXTS.invalid("import.kind", name);
    }
}
