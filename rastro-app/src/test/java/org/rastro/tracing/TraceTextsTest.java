package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import tools.jackson.databind.json.JsonMapper;

class TraceTextsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTextIsWordedInBothLanguagesWithItsValues() {
        Text t = TextBundle.of("tracing").text("person.role", "WITNESS");
        assertThat(t.in(Locale.ENGLISH)).isEqualTo("a person's role is POSSESSOR or ASSOCIATE, got \"WITNESS\"");
        assertThat(t.in(Locale.forLanguageTag("es-MX")))
                .startsWith("el papel de una persona")
                .endsWith("«WITNESS»");
        // Any language other than English reads Spanish; numbers stay as written.
        assertThat(TextBundle.of("tracing").text("batch.tooMany", 10000).in(Locale.FRENCH))
                .isEqualTo("un archivo tiene a lo sumo 10000 recuperaciones");
    }

    @Test
    void storedTextsAndFlagsReadBackIncludingThoseStoredAsPlainStrings() {
        Flag flag = Flag.of("RED_FLAG_EVENT", "DESTRUCTION", "2024-01-02", 7);
        assertThat(JSON.readValue(JSON.writeValueAsString(flag), Flag.class)).isEqualTo(flag);
        assertThat(flag.text().es()).isEqualTo("EVENTO DE ALERTA: DESTRUCTION del 2024-01-02 (evento 7)");
        Flag old = JSON.readValue("\"BACKDATED_REPORT: the loss was reported on 2026-01-05\"", Flag.class);
        assertThat(old.code()).isEqualTo("BACKDATED_REPORT");
        assertThat(old.text().es()).isEqualTo(old.text().en()).startsWith("BACKDATED_REPORT: the loss");
        assertThat(JSON.readValue("\"several fit\"", Text.class)).isEqualTo(Text.same("several fit"));
    }
}
