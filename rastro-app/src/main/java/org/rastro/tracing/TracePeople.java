package org.rastro.tracing;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.rastro.privacy.FieldCipher;
import org.rastro.privacy.PersonalData;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The people recorded with a trace (the possessor and associates): checked, sealed before they are
 * sent to the database (names, birth date and document never reach it in plaintext), opened for a
 * reader, and found by identity document through a keyed blind index.
 */
@Component
class TracePeople {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    private static final List<String> ROLES = List.of("POSSESSOR", "ASSOCIATE");

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    TracePeople(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** Refuses, before anything is stored, a person whose role or fields are not acceptable. */
    static void check(List<TracePerson> people) {
        for (TracePerson p : people) {
            if (p.role() == null || !ROLES.contains(p.role().strip().toUpperCase(Locale.ROOT))) {
                throw TEXTS.invalid("person.role", p.role());
            }
            if (TraceService.blankToNull(p.givenNames()) == null
                    && TraceService.blankToNull(p.surnames()) == null
                    && TraceService.blankToNull(p.idDocument()) == null) {
                throw TEXTS.invalid("person.identity");
            }
            if (p.nationality() != null
                    && !p.nationality().strip().toUpperCase(Locale.ROOT).matches("[A-Z]{2}")) {
                throw TEXTS.invalid("person.nationality", p.nationality());
            }
            for (String value : new String[] {p.givenNames(), p.surnames()}) {
                if (value != null && value.length() > 200) {
                    throw TEXTS.invalid("person.names");
                }
            }
            if (p.idDocument() != null && p.idDocument().length() > 100) {
                throw TEXTS.invalid("person.document");
            }
            if (p.birthDate() != null && p.birthDate().isAfter(LocalDate.now())) {
                throw TEXTS.invalid("person.birthDate", p.birthDate());
            }
        }
    }

    /** Stores the people of a trace, sealed; call in the trace's transaction. */
    void store(long traceId, List<TracePerson> people) {
        FieldCipher cipher = personalData.cipher();
        for (TracePerson p : people) {
            String document = TraceService.blankToNull(p.idDocument());
            jdbc.sql("""
                    insert into trace_person (trace_id, role, given_names, surnames, birth_date, nationality, id_document,
                                              document_index)
                    values (:trace, :role, :given, :surnames, :birth, :nationality, :document, :documentIndex)
                    """)
                    .param("trace", traceId)
                    .param("role", p.role().strip().toUpperCase(Locale.ROOT))
                    .param(
                            "given",
                            cipher.seal(
                                    TraceService.blankToNull(p.givenNames()),
                                    PersonalData.traceContext(traceId, "given_names")))
                    .param(
                            "surnames",
                            cipher.seal(
                                    TraceService.blankToNull(p.surnames()),
                                    PersonalData.traceContext(traceId, "surnames")))
                    .param(
                            "birth",
                            cipher.seal(
                                    p.birthDate() == null ? null : p.birthDate().toString(),
                                    PersonalData.traceContext(traceId, "birth_date")))
                    .param(
                            "nationality",
                            p.nationality() == null
                                    ? null
                                    : p.nationality().strip().toUpperCase(Locale.ROOT))
                    .param("document", cipher.seal(document, PersonalData.traceContext(traceId, "id_document")))
                    .param("documentIndex", cipher.index(PersonalData.DOCUMENT, document))
                    .update();
        }
    }

    /** The people recorded with a trace (personal data: the trace roles only). */
    List<TracePerson> of(long traceId) {
        FieldCipher cipher = personalData.cipher();
        return jdbc.sql("""
                select role, given_names, surnames, birth_date, nationality, id_document from trace_person
                 where trace_id = :id order by id
                """)
                .param("id", traceId)
                .query((rs, n) -> {
                    String birth =
                            cipher.open(rs.getBytes("birth_date"), PersonalData.traceContext(traceId, "birth_date"));
                    return new TracePerson(
                            rs.getString("role"),
                            cipher.open(rs.getBytes("given_names"), PersonalData.traceContext(traceId, "given_names")),
                            cipher.open(rs.getBytes("surnames"), PersonalData.traceContext(traceId, "surnames")),
                            birth == null ? null : LocalDate.parse(birth),
                            rs.getString("nationality"),
                            cipher.open(rs.getBytes("id_document"), PersonalData.traceContext(traceId, "id_document")));
                })
                .list();
    }

    /** The traces whose possessor or associates carried this identity document (an equality search, blind). */
    List<Long> tracesWithDocument(String document) {
        if (TraceService.blankToNull(document) == null) {
            throw TEXTS.invalid("person.document");
        }
        return jdbc.sql("select distinct trace_id from trace_person where document_index = :index order by trace_id")
                .param("index", personalData.cipher().index(PersonalData.DOCUMENT, document))
                .query(Long.class)
                .list();
    }
}
