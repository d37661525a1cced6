package org.rastro.registry.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.rastro.registry.Catalogue;
import org.rastro.registry.OrganisationKind;

/**
 * lots.csv: lot_number, make, ordnance_type, quantity and optionally calibre, description,
 * unit_of_issue, holder_code, licence_number + licence_line, synthetic. The natural key is
 * (make, lot number, ordnance type).
 */
final class LotSpec extends EntitySpec {

    @Override
    ImportEntity entity() {
        return ImportEntity.LOTS;
    }

    @Override
    List<String> requiredColumns() {
        return List.of("lot_number", "make", "ordnance_type", "quantity");
    }

    @Override
    List<String> optionalColumns() {
        return List.of(
                "calibre",
                "description",
                "unit_of_issue",
                "holder_code",
                "licence_number",
                "licence_line",
                "synthetic");
    }

    @Override
    String stagingColumns() {
        return """
                lot_number text, manufacturer_id integer, ordnance_type text, calibre_id integer, description text,
                quantity bigint, unit_of_issue text, holder_id bigint, licence_number text, licence_line_no integer,
                synthetic boolean, licence_line_id bigint, registered_line_id bigint""";
    }

    @Override
    boolean stage(StagedRow row, ImportContext context, CopyWriter.Line line) {
        Catalogue catalogue = context.catalogue();
        String lot = row.text("lot_number", 40, true);
        Catalogue.Manufacturer maker = CatalogueFields.make(row, catalogue, "make");
        String type = row.required("ordnance_type");
        Catalogue.OrdnanceType ordnance = null;
        if (type != null) {
            type = type.toUpperCase(Locale.ROOT);
            ordnance = catalogue.ordnanceType(type);
            if (ordnance == null) {
                row.error("ordnance_type", "unknown-ordnance-type", row.optional("ordnance_type"));
            }
        }
        Integer calibre = CatalogueFields.calibre(row, catalogue, "calibre", null);
        String description = row.text("description", 200, false);
        Long quantity = row.positiveLong("quantity", true);
        String unit = row.optional("unit_of_issue");
        if (unit == null && ordnance != null) {
            unit = ordnance.unitOfIssue();
        }
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
        line.add(lot)
                .add(maker.id())
                .add(type)
                .add(calibre)
                .add(description)
                .add(quantity)
                .add(unit)
                .add(holder == null ? null : holder.id())
                .add(licence)
                .add(licenceLine)
                .add(synthetic)
                .none()
                .none();
        return true;
    }

    @Override
    List<String> prepare() {
        return List.of("""
                update stage s set licence_line_id = ll.id
                  from licence l join licence_line ll on ll.licence_id = l.id
                 where l.number = s.licence_number and ll.line_no = s.licence_line_no
                """, """
                update stage s set registered_line_id = d.licence_line_id
                  from ordnance_lot o join licence_lot_delivery d on d.lot_id = o.id
                 where o.manufacturer_id = s.manufacturer_id and o.lot_number = s.lot_number
                   and o.ordnance_type = s.ordnance_type
                """);
    }

    @Override
    List<String> checks() {
        return List.of(
                duplicateCheck("manufacturer_id, lot_number, ordnance_type", "lot_number", "duplicate-lot"),
                """
                select s.line, 'lot_number', 'lot-conflict', s.lot_number
                  from stage s
                  join ordnance_lot o on o.manufacturer_id = s.manufacturer_id and o.lot_number = s.lot_number
                                     and o.ordnance_type = s.ordnance_type
                 where (o.calibre_id, o.description, o.quantity, o.unit_of_issue)
                       is distinct from (s.calibre_id, s.description, s.quantity, s.unit_of_issue)
                """,
                """
                select s.line, 'licence_line', 'licence-no-line', s.licence_number, s.licence_line_no
                  from stage s where s.licence_number is not null and s.licence_line_id is null
                """,
                """
                select s.line, 'licence_line', 'lot-delivery-moved', s.lot_number
                  from stage s
                 where s.registered_line_id is not null and s.registered_line_id is distinct from s.licence_line_id
                """,
                """
                select s.line, 'licence_line', 'licence-wrong-ordnance', s.licence_line_no, s.licence_number
                  from stage s join licence_line ll on ll.id = s.licence_line_id
                 where ll.ordnance_type is distinct from s.ordnance_type
                    or (ll.calibre_id is not null and ll.calibre_id is distinct from s.calibre_id)
                """,
                """
                select n.line, 'quantity', 'lot-over-delivery', n.licence_line_no, n.licence_number, ll.quantity,
                       ll.delivered_quantity, ll.delivered_quantity + n.running
                  from (select s.*, sum(s.quantity) over (partition by s.licence_line_id order by s.line) as running
                          from stage s
                         where s.licence_line_id is not null and s.registered_line_id is null) n
                  join licence_line ll on ll.id = n.licence_line_id
                 where ll.delivered_quantity + n.running > ll.quantity
                """);
    }

    @Override
    long merge(Connection connection) throws SQLException {
        long inserted = update(connection, """
                insert into ordnance_lot (lot_number, manufacturer_id, ordnance_type, calibre_id, description, quantity,
                                          unit_of_issue, holder_id, synthetic)
                select lot_number, manufacturer_id, ordnance_type, calibre_id, description, quantity, unit_of_issue,
                       holder_id, synthetic
                  from stage
                on conflict (manufacturer_id, lot_number, ordnance_type) do nothing
                """);
        update(connection, """
                insert into licence_lot_delivery (lot_id, licence_line_id, quantity)
                select o.id, s.licence_line_id, s.quantity
                  from stage s
                  join ordnance_lot o on o.manufacturer_id = s.manufacturer_id and o.lot_number = s.lot_number
                                     and o.ordnance_type = s.ordnance_type
                 where s.licence_line_id is not null and s.registered_line_id is null
                on conflict (lot_id) do nothing
                """);
        return inserted;
    }
}
