package org.rastro.phones;

import java.util.HexFormat;

/**
 * A value as stored, once per import: its blind index, its sealed bytes, the index in hex (the key it is looked
 * up by in the warrant's scope and among the investigation's identifiers; a string keeps its hash), and, once the
 * writing thread has resolved it, its identifier's id. Operators' files repeat the same numbers over millions of
 * rows: each row then reads the id here instead of looking it up again. The reading thread creates these and
 * never reads the id; only the writing thread sets and reads it.
 */
final class SealedValue {
    private final byte[] index;
    private final byte[] sealed;
    private final String key;
    private long id = -1;

    SealedValue(byte[] index, byte[] sealed) {
        this.index = index;
        this.sealed = sealed;
        this.key = HexFormat.of().formatHex(index);
    }

    byte[] index() {
        return index;
    }

    byte[] sealed() {
        return sealed;
    }

    String key() {
        return key;
    }

    /** The identifier's id in the investigation, or -1 while not resolved. */
    long id() {
        return id;
    }

    void resolvedAs(long id) {
        this.id = id;
    }
}
