package org.rastro.registry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the catalogue tables. Plain JDBC through JdbcClient so the bulk path can use it without Spring. */
public final class CatalogueRepository {

    private final JdbcClient jdbc;

    public CatalogueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Catalogue load() {
        List<Catalogue.Manufacturer> manufacturers = jdbc.sql("select id, name, country from manufacturer")
                .query(Catalogue.Manufacturer.class)
                .list();
        Map<String, Integer> makeAliases = new HashMap<>();
        jdbc.sql("select alias, manufacturer_id from manufacturer_alias")
                .query((rs, n) -> makeAliases.put(rs.getString(1), rs.getInt(2)))
                .list();
        List<Catalogue.Calibre> calibres = jdbc.sql("select id, name, category from calibre")
                .query(Catalogue.Calibre.class)
                .list();
        Map<String, Set<Integer>> calibreAliases = new HashMap<>();
        jdbc.sql("select alias, calibre_id from calibre_alias")
                .query((rs, n) -> calibreAliases
                        .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                        .add(rs.getInt(2)))
                .list();
        List<Catalogue.Model> models =
                jdbc.sql("""
                select id, manufacturer_id, name, weapon_type, calibre_id, legal_category from model
                """).query(Catalogue.Model.class).list();
        List<String> weaponTypes =
                jdbc.sql("select code from weapon_type").query(String.class).list();
        List<Catalogue.OrdnanceType> ordnanceTypes = jdbc.sql("select code, unit_of_issue from ordnance_type")
                .query(Catalogue.OrdnanceType.class)
                .list();
        return new Catalogue(manufacturers, makeAliases, calibres, calibreAliases, models, weaponTypes, ordnanceTypes);
    }
}
