package org.rastro.registry.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Year;
import java.util.List;
import java.util.Locale;
import org.rastro.registry.Catalogue;
import org.rastro.registry.Keys;
import org.rastro.registry.OrganisationKind;

/**
 * weapons.csv: serial, make, model and optionally calibre, weapon_type, country, import_marks,
 * year, holder_code, licence_number + licence_line (the licence line it was delivered against),
 * synthetic. The natural key is (make, model, normalised serial).
 */
final class WeaponSpec extends EntitySpec {

    @Override
    ImportEntity entity() {
        return ImportEntity.WEAPONS;
    }

    @Override
    List<String> requiredColumns() {
        return List.of("serial", "make", "model");
    }

    @Override
    List<String> optionalColumns() {
        return List.of(
                "calibre",
                "weapon_type",
                "country",
                "import_marks",
                "year",
                "holder_code",
                "licence_number",
                "licence_line",
                "synthetic");
    }

    @Override
    String stagingColumns() {
        return """
                serial_as_marked text, serial_normalised text, manufacturer_id integer, model_id integer,
                calibre_id integer, weapon_type text, country text, import_marks text, year smallint,
                legal_category text, holder_id bigint, licence_number text, licence_line_no integer,
                synthetic boolean, licence_line_id bigint, registered boolean, registered_line_id bigint""";
    }

    @Override
    boolean stage(StagedRow row, ImportContext context, CopyWriter.Line line) {
        Catalogue catalogue = context.catalogue();
        String serial = row.text("serial", 40, true);
        String normalised = Keys.serial(serial);
        if (serial != null && normalised == null) {
            row.error("serial", "serial-chars", serial);
        }
        Catalogue.Manufacturer maker = CatalogueFields.make(row, catalogue, "make");
        Catalogue.Model model = CatalogueFields.model(row, catalogue, maker, "model");
        Integer calibre = model == null ? null : CatalogueFields.calibre(row, catalogue, "calibre", model.calibreId());
        String type = row.optional("weapon_type");
        if (type != null) {
            type = type.toUpperCase(Locale.ROOT);
            if (!catalogue.isWeaponType(type)) {
                row.error("weapon_type", "unknown-weapon-type", row.optional("weapon_type"));
            }
        } else if (model != null) {
            type = model.weaponType();
        }
        String country = row.country("country", false);
        if (country == null && row.optional("country") == null && maker != null) {
            country = maker.country();
        }
        String marks = row.text("import_marks", 200, false);
        Integer year = row.intInRange("year", 1850, Year.now().getValue() + 1);
        ImportContext.Org holder = context.organisation(row, "holder_code", row.optional("holder_code"));
        if (holder != null && !OrganisationKind.valueOf(holder.kind()).holdsWeapons()) {
            row.error("holder_code", "cannot-hold", row.optional("holder_code"), holder.kind());
        }
        String licence = row.text("licence_number", 60, false);
        Integer licenceLine = row.intInRange("licence_line", 1, 100_000);
        if ((licence == null) != (row.optional("licence_line") == null)) {
            row.error("licence_line", "licence-pair");
        }
        boolean synthetic = "true".equalsIgnoreCase(row.optional("synthetic"));
        if (!row.ok()) {
            return false;
        }
        line.add(serial)
                .add(normalised)
                .add(maker.id())
                .add(model.id())
                .add(calibre)
                .add(type)
                .add(country)
                .add(marks)
                .add(year)
                .add(model.legalCategory())
                .add(holder == null ? null : holder.id())
                .add(licence)
                .add(licenceLine)
                .add(synthetic)
                .none()
                .add(false)
                .none();
        return true;
    }

    /**
     * Resolves licence lines, and records for rows whose weapon is already registered the line it
     * was delivered against, so that the checks count only the deliveries this file adds.
     */
    @Override
    List<String> prepare() {
        return List.of("""
                update stage s set licence_line_id = ll.id
                  from licence l join licence_line ll on ll.licence_id = l.id
                 where l.number = s.licence_number and ll.line_no = s.licence_line_no
                """, """
                update stage s set registered = true, registered_line_id = d.licence_line_id
                  from weapon w left join licence_weapon_delivery d on d.weapon_id = w.id
                 where w.manufacturer_id = s.manufacturer_id and w.model_id = s.model_id
                   and w.serial_normalised = s.serial_normalised
                """);
    }

    @Override
    List<String> checks() {
        return List.of(
                duplicateCheck("manufacturer_id, model_id, serial_normalised", "serial", "duplicate-weapon"),
                """
                select s.line, 'serial', 'weapon-conflict', s.serial_as_marked
                  from stage s
                  join weapon w on w.manufacturer_id = s.manufacturer_id and w.model_id = s.model_id
                               and w.serial_normalised = s.serial_normalised
                 where (w.serial_as_marked, w.calibre_id, w.weapon_type::text, w.country_of_manufacture, w.import_marks,
                        w.year_of_manufacture)
                       is distinct from (s.serial_as_marked, s.calibre_id, s.weapon_type, s.country::char(2),
                        s.import_marks, s.year)
                """,
                """
                select s.line, 'licence_line', 'licence-no-line', s.licence_number, s.licence_line_no
                  from stage s where s.licence_number is not null and s.licence_line_id is null
                """,
                """
                select s.line, 'licence_line', 'licence-wrong-model', s.licence_line_no, s.licence_number
                  from stage s join licence_line ll on ll.id = s.licence_line_id
                 where ll.model_id is distinct from s.model_id
                """,
                """
                select s.line, 'licence_line', 'delivery-moved', s.serial_as_marked
                  from stage s
                 where s.registered_line_id is not null and s.registered_line_id is distinct from s.licence_line_id
                """,
                // Only the deliveries this file adds count: importing again is not delivering again. Lines
                // are totalled first; rows are numbered only on a line that the file takes over its quantity.
                """
                with added as (
                    select licence_line_id, count(*) as n from stage
                     where licence_line_id is not null and registered_line_id is null
                     group by licence_line_id
                ), exceeded as (
                    select a.licence_line_id from added a join licence_line ll on ll.id = a.licence_line_id
                     where ll.delivered_quantity + a.n > ll.quantity
                )
                select n.line, 'licence_line', 'over-delivery', n.licence_line_no, n.licence_number, ll.quantity,
                       ll.delivered_quantity, ll.delivered_quantity + n.nth
                  from (select s.*, row_number() over (partition by s.licence_line_id order by s.line) as nth
                          from stage s
                         where s.licence_line_id in (select licence_line_id from exceeded)
                           and s.registered_line_id is null) n
                  join licence_line ll on ll.id = n.licence_line_id
                 where ll.delivered_quantity + n.nth > ll.quantity
                """);
    }

    /**
     * New weapons and their deliveries in one statement: the deliveries join the rows the insert
     * returns, not the weapon table, so the plan does not depend on statistics that a large load
     * has just made stale. Registered weapons that gain a delivery (rare) are a second statement.
     */
    @Override
    long merge(Connection connection) throws SQLException {
        // Into an empty registry (the first national load) the indexes and keys are built once at the end
        // instead of row by row (V34); the file's duplicates were refused above, so nothing can conflict.
        boolean firstLoad;
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("select weapons_first_load_begin()")) {
            rs.next();
            firstLoad = rs.getBoolean(1);
        }
        long inserted;
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(("""
                        with inserted as (
                            insert into weapon (serial_as_marked, serial_normalised, manufacturer_id, model_id, calibre_id,
                                                weapon_type, country_of_manufacture, import_marks, year_of_manufacture,
                                                legal_category, holder_id, synthetic)
                            select serial_as_marked, serial_normalised, manufacturer_id, model_id, calibre_id,
                                   weapon_type::weapon_type_code, country, import_marks, year,
                                   legal_category::legal_category_code, holder_id, synthetic
                              from stage
                             where not registered
                            %s
                            returning id, manufacturer_id, model_id, serial_normalised
                        ), delivered as (
                            insert into licence_weapon_delivery (weapon_id, licence_line_id)
                            select i.id, s.licence_line_id
                              from inserted i
                              join stage s on s.manufacturer_id = i.manufacturer_id and s.model_id = i.model_id
                                          and s.serial_normalised = i.serial_normalised
                             where s.licence_line_id is not null
                            returning 1
                        )
                        select (select count(*) from inserted), (select count(*) from delivered)
                        """)
                        .formatted(
                                firstLoad
                                        ? ""
                                        : "on conflict (manufacturer_id, model_id, serial_normalised) do nothing"))) {
            rs.next();
            inserted = rs.getLong(1);
        }
        update(connection, """
                insert into licence_weapon_delivery (weapon_id, licence_line_id)
                select w.id, s.licence_line_id
                  from stage s
                  join weapon w on w.manufacturer_id = s.manufacturer_id and w.model_id = s.model_id
                               and w.serial_normalised = s.serial_normalised
                 where s.registered and s.registered_line_id is null and s.licence_line_id is not null
                """);
        if (firstLoad) {
            try (var statement = connection.createStatement()) {
                statement.execute("select weapons_first_load_end()");
            }
        }
        return inserted;
    }
}
