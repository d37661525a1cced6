package org.rastro.registry.importing;

import java.util.Locale;
import org.rastro.system.RastroException;

/** The registry entities that can be bulk imported, in the order a fresh registry loads them. */
public enum ImportEntity {
    ORGANISATIONS,
    PEOPLE,
    LICENCES,
    WEAPONS,
    LOTS;

    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportEntity fromPath(String path) {
        for (ImportEntity entity : values()) {
            if (entity.path().equals(path)) {
                return entity;
            }
        }
        throw RastroException.invalid(
                "unknown import '" + path + "': expected one of organisations, people, licences, weapons, lots");
    }
}
