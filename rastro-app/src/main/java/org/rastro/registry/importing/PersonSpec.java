package org.rastro.registry.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.rastro.privacy.FieldCipher;
import org.rastro.privacy.PersonalData;
import org.rastro.registry.OrganisationKind;

/** people.csv: matricula, rank, unit_code, given_names, surnames, synthetic. */
final class PersonSpec extends EntitySpec {

    private static final Pattern MATRICULA = Pattern.compile("[A-Z0-9-]{4,20}");

    @Override
    ImportEntity entity() {
        return ImportEntity.PEOPLE;
    }

    @Override
    List<String> requiredColumns() {
        return List.of("matricula", "rank", "unit_code", "given_names", "surnames");
    }

    @Override
    List<String> optionalColumns() {
        return List.of("synthetic");
    }

    @Override
    String stagingColumns() {
        return "matricula text, rank text, unit_id bigint, given_names bytea, surnames bytea, name_index bytea, synthetic boolean";
    }

    @Override
    boolean stage(StagedRow row, ImportContext context, CopyWriter.Line line) {
        String matricula = row.required("matricula");
        if (matricula != null) {
            matricula = matricula.toUpperCase(Locale.ROOT);
            if (!MATRICULA.matcher(matricula).matches()) {
                row.error("matricula", "matricula-format", row.optional("matricula"));
            }
        }
        String rank = row.text("rank", 60, true);
        ImportContext.Org unit = context.organisation(row, "unit_code", row.required("unit_code"));
        if (unit != null && !OrganisationKind.valueOf(unit.kind()).holdsWeapons()) {
            row.error("unit_code", "not-a-unit", row.optional("unit_code"), unit.kind());
        }
        String given = row.text("given_names", 120, true);
        String surnames = row.text("surnames", 120, true);
        boolean synthetic = "true".equalsIgnoreCase(row.optional("synthetic"));
        if (!row.ok()) {
            return false;
        }
        FieldCipher cipher = context.cipher();
        line.add(matricula)
                .add(rank)
                .add(unit == null ? null : unit.id())
                .add(cipher.seal(given, PersonalData.givenNamesContext(matricula)))
                .add(cipher.seal(surnames, PersonalData.surnamesContext(matricula)))
                .add(PersonalData.nameIndex(cipher, new PersonalData.Name(given, surnames)))
                .add(synthetic);
        return true;
    }

    @Override
    List<String> checks() {
        return List.of(duplicateCheck("matricula", "matricula", "duplicate-matricula"), """
                select s.line, 'matricula', 'person-conflict', s.matricula
                  from stage s
                  join person p on p.matricula = s.matricula
                  join person_name n on n.person_id = p.id
                 where (p.rank, p.unit_id, n.name_index) is distinct from (s.rank, s.unit_id, s.name_index)
                """);
    }

    @Override
    long merge(Connection connection) throws SQLException {
        // Names go to their own table, sealed (personal data); the blind index tells a changed name on re-import.
        return update(connection, """
                with inserted as (
                    insert into person (matricula, rank, unit_id, synthetic)
                    select matricula, rank, unit_id, synthetic from stage order by line
                    on conflict (matricula) do nothing
                    returning id, matricula
                )
                insert into person_name (person_id, given_names, surnames, name_index)
                select i.id, s.given_names, s.surnames, s.name_index from inserted i join stage s on s.matricula = i.matricula
                """);
    }
}
