package org.rastro.registry.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rastro.registry.Catalogue;

/**
 * licences.csv: one row per licence line, the licence's own fields repeated on each of its lines
 * (they must agree). A line licenses either a model (make + model) or an ordnance type (+ calibre).
 */
final class LicenceSpec extends EntitySpec {

    enum Direction {
        EXPORT,
        IMPORT
    }

    @Override
    ImportEntity entity() {
        return ImportEntity.LICENCES;
    }

    @Override
    List<String> requiredColumns() {
        return List.of(
                "number",
                "direction",
                "issuing_country",
                "issuing_authority",
                "exporter_code",
                "consignee_code",
                "end_user_certificate",
                "issued_on",
                "line_no",
                "quantity");
    }

    @Override
    List<String> optionalColumns() {
        return List.of("expires_on", "make", "model", "ordnance_type", "calibre");
    }

    @Override
    String stagingColumns() {
        return """
                number text, direction text, issuing_country text, issuing_authority text, exporter_id bigint,
                consignee_id bigint, end_user_certificate text, issued_on date, expires_on date, line_no integer,
                model_id integer, ordnance_type text, calibre_id integer, quantity bigint""";
    }

    @Override
    boolean stage(StagedRow row, ImportContext context, CopyWriter.Line line) {
        Catalogue catalogue = context.catalogue();
        String number = row.text("number", 60, true);
        Direction direction = row.oneOf("direction", Direction.class, true);
        String country = row.country("issuing_country", true);
        String authority = row.text("issuing_authority", 200, true);
        ImportContext.Org exporter = context.organisation(row, "exporter_code", row.required("exporter_code"));
        ImportContext.Org consignee = context.organisation(row, "consignee_code", row.required("consignee_code"));
        String euc = row.text("end_user_certificate", 80, true);
        var issued = row.date("issued_on", true);
        var expires = row.date("expires_on", false);
        if (issued != null && expires != null && expires.isBefore(issued)) {
            row.error("expires_on", "expires-before-issued");
        }
        Integer lineNo = row.intInRange("line_no", 1, 100_000);
        if (lineNo == null && row.optional("line_no") == null) {
            row.error("line_no", "required");
        }
        Long quantity = row.positiveLong("quantity", true);
        Integer modelId = null;
        String ordnanceType = null;
        Integer calibreId = null;
        boolean hasModel = row.optional("make") != null || row.optional("model") != null;
        boolean hasOrdnance = row.optional("ordnance_type") != null;
        if (hasModel == hasOrdnance) {
            row.error("model", "subject-both-or-neither");
        } else if (hasModel) {
            var maker = CatalogueFields.make(row, catalogue, "make");
            var model = CatalogueFields.model(row, catalogue, maker, "model");
            modelId = model == null ? null : model.id();
        } else {
            ordnanceType = row.optional("ordnance_type").toUpperCase(Locale.ROOT);
            if (catalogue.ordnanceType(ordnanceType) == null) {
                row.error("ordnance_type", "unknown-ordnance-type", row.optional("ordnance_type"));
            }
            calibreId = CatalogueFields.calibre(row, catalogue, "calibre", null);
        }
        if (!row.ok()) {
            return false;
        }
        line.add(number)
                .add(direction.name())
                .add(country)
                .add(authority)
                .add(exporter.id())
                .add(consignee.id())
                .add(euc)
                .add(issued)
                .add(expires)
                .add(lineNo)
                .add(modelId)
                .add(ordnanceType)
                .add(calibreId)
                .add(quantity);
        return true;
    }

    private static final String HEADER = "direction, issuing_country, issuing_authority, exporter_id, consignee_id, "
            + "end_user_certificate, issued_on, expires_on";

    @Override
    List<String> checks() {
        return List.of(
                duplicateCheck("number, line_no", "line_no", "duplicate-licence-line"),
                """
                select s.line, 'number', 'licence-header-differs', s.number, f.line
                  from stage s
                  join (select distinct on (number) * from stage order by number, line) f on f.number = s.number
                 where (%1$s) is distinct from (%2$s)
                """.formatted(prefixed("s"), prefixed("f")),
                """
                select s.line, 'number', 'licence-conflict', s.number
                  from stage s join licence l on l.number = s.number
                 where (l.direction, l.issuing_country, l.issuing_authority, l.exporter_id, l.consignee_id,
                        l.end_user_certificate, l.issued_on, l.expires_on)
                       is distinct from (s.direction, s.issuing_country::char(2), s.issuing_authority, s.exporter_id,
                        s.consignee_id, s.end_user_certificate, s.issued_on, s.expires_on)
                """,
                """
                select s.line, 'line_no', 'licence-line-conflict', s.line_no, s.number
                  from stage s join licence l on l.number = s.number
                  join licence_line ll on ll.licence_id = l.id and ll.line_no = s.line_no
                 where (ll.model_id, ll.ordnance_type, ll.calibre_id, ll.quantity)
                       is distinct from (s.model_id, s.ordnance_type, s.calibre_id, s.quantity)
                """);
    }

    private static String prefixed(String alias) {
        return Arrays.stream(HEADER.split(", ")).map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    @Override
    long merge(Connection connection) throws SQLException {
        update(connection, """
                insert into licence (number, direction, issuing_country, issuing_authority, exporter_id, consignee_id,
                                     end_user_certificate, issued_on, expires_on)
                select distinct on (number) number, direction, issuing_country, issuing_authority, exporter_id,
                       consignee_id, end_user_certificate, issued_on, expires_on
                  from stage order by number, line
                on conflict (number) do nothing
                """);
        return update(connection, """
                insert into licence_line (licence_id, line_no, model_id, ordnance_type, calibre_id, quantity)
                select l.id, s.line_no, s.model_id, s.ordnance_type, s.calibre_id, s.quantity
                  from stage s join licence l on l.number = s.number
                 order by s.line
                on conflict (licence_id, line_no) do nothing
                """);
    }
}
