package org.rastro.registry;

import java.util.List;
import java.util.Map;

/** Catalogues built in memory, for tests that run without a database. */
public final class TestCatalogues {

    private TestCatalogues() {}

    /** One maker, one calibre, one model, the weapon types and one kind of ordnance. */
    public static Catalogue small() {
        return new Catalogue(
                List.of(new Catalogue.Manufacturer(1, "Heckler & Koch", "DE")),
                Map.of("hk", 1),
                List.of(new Catalogue.Calibre(1, "7.62x51mm NATO", "RIFLE")),
                Map.of("7.62 nato", List.of(1)),
                List.of(new Catalogue.Model(1, 1, "G3", "RIFLE", 1, "MILITARY_EXCLUSIVE")),
                List.of("PISTOL", "RIFLE", "SUBMACHINE_GUN"),
                List.of(new Catalogue.OrdnanceType("HAND_GRENADE_FRAG", "PIEZA")));
    }
}
