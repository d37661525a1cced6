package org.rastro.registry.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.rastro.registry.OrganisationKind;

/** organisations.csv: code, name, kind, parent_code, country, cvegeo. Parents may be in the same file. */
final class OrganisationSpec extends EntitySpec {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{1,39}");

    @Override
    ImportEntity entity() {
        return ImportEntity.ORGANISATIONS;
    }

    @Override
    List<String> requiredColumns() {
        return List.of("code", "name", "kind");
    }

    @Override
    List<String> optionalColumns() {
        return List.of("parent_code", "country", "cvegeo");
    }

    @Override
    String stagingColumns() {
        return "code text, name text, kind text, parent_code text, country text, cvegeo text";
    }

    @Override
    boolean stage(StagedRow row, ImportContext context, CopyWriter.Line line) {
        String code = code(row, "code", true);
        String name = row.text("name", 200, true);
        OrganisationKind kind = row.oneOf("kind", OrganisationKind.class, true);
        String parent = code(row, "parent_code", false);
        String country = row.country("country", false);
        if (country == null && row.optional("country") == null) {
            country = "MX";
        }
        String cvegeo = row.cvegeo("cvegeo");
        if ("MX".equals(country) && cvegeo == null && row.optional("cvegeo") == null) {
            row.error("cvegeo", "cvegeo-required");
        }
        if (code != null && code.equals(parent)) {
            row.error("parent_code", "own-parent");
        }
        if (!row.ok()) {
            return false;
        }
        line.add(code)
                .add(name)
                .add(kind == null ? null : kind.name())
                .add(parent)
                .add(country)
                .add(cvegeo);
        return true;
    }

    private static String code(StagedRow row, String column, boolean required) {
        String value = required ? row.required(column) : row.optional(column);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!CODE.matcher(upper).matches()) {
            row.error(column, "code-format", value);
            return null;
        }
        return upper;
    }

    @Override
    List<String> checks() {
        return List.of(duplicateCheck("code", "code", "duplicate-code"), """
                select s.line, 'cvegeo', 'cvegeo-unknown', s.cvegeo
                  from stage s
                 where s.cvegeo is not null and not exists (select 1 from municipality m where m.cvegeo = s.cvegeo)
                """, """
                select s.line, 'parent_code', 'parent-unknown', s.parent_code
                  from stage s
                 where s.parent_code is not null
                   and not exists (select 1 from organisation o where o.code = s.parent_code)
                   and not exists (select 1 from stage p where p.code = s.parent_code)
                """, """
                with recursive up (line, code, parent_code, depth) as (
                    select line, code, parent_code, 1 from stage where parent_code is not null
                    union all
                    select up.line, up.code, s.parent_code, up.depth + 1
                      from up join stage s on s.code = up.parent_code
                     where s.parent_code is not null and up.depth < 64
                )
                select min(line), 'parent_code', 'parent-loop', code
                  from up where parent_code = code or depth >= 64 group by code
                """, """
                select s.line, 'code', 'org-conflict', s.code
                  from stage s
                  join organisation o on o.code = s.code
                  left join organisation p on p.id = o.parent_id
                 where (o.name, o.kind, o.country, o.cvegeo, p.code)
                       is distinct from (s.name, s.kind, s.country::char(2), s.cvegeo::char(5), s.parent_code)
                """);
    }

    @Override
    long merge(Connection connection) throws SQLException {
        long inserted = update(connection, """
                insert into organisation (code, name, kind, country, cvegeo)
                select code, name, kind, country, cvegeo from stage order by line
                on conflict (code) do nothing
                """);
        update(connection, """
                update organisation o set parent_id = p.id
                  from stage s join organisation p on p.code = s.parent_code
                 where o.code = s.code and o.parent_id is null
                """);
        return inserted;
    }
}
