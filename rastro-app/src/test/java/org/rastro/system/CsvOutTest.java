package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvOutTest {

    @Test
    void formulaInjectionIsNeutralisedInEveryCell() {
        assertThat(CsvOut.neutralise("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvOut.neutralise("+SUM(A1:A9)")).isEqualTo("'+SUM(A1:A9)");
        assertThat(CsvOut.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvOut.neutralise("@cmd")).isEqualTo("'@cmd");
        assertThat(CsvOut.neutralise("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvOut.neutralise("\r=1")).isEqualTo("'\r=1");
        // Numbers, words and empty cells stay as they are.
        assertThat(CsvOut.neutralise("-3")).isEqualTo("-3");
        assertThat(CsvOut.neutralise("+1.5")).isEqualTo("+1.5");
        assertThat(CsvOut.neutralise("FX05-123")).isEqualTo("FX05-123");
        assertThat(CsvOut.neutralise("homicidio")).isEqualTo("homicidio");
        assertThat(CsvOut.neutralise(null)).isEmpty();
    }

    @Test
    void rowsAreRfc4180WithNeutralisedCells() throws Exception {
        StringWriter out = new StringWriter();
        try (CsvOut csv = CsvOut.to(out)) {
            csv.row("serial", "note");
            csv.row("A1", "=1+1, \"quoted\"");
            csv.row("B2", null);
        }
        assertThat(out.toString().lines()).containsExactly("serial,note", "A1,\"'=1+1, \"\"quoted\"\"\"", "B2,");
    }
}
