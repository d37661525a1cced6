package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A sentence kept as facts reads back the same, in each language with its own words — labels included. */
class StoredTextTest {

    private static final TextBundle ALERTS = TextBundle.of("alerts");

    @Test
    void aKeptSentenceIsWordedAgainInEachLanguageWithItsLabelsInThatLanguage() {
        StoredText kept = StoredText.of(
                ALERTS,
                "alert.recoveryMatchesLoss",
                "FX0B01A848",
                ALERTS.text("alert.reported.stolen"),
                "BI-89",
                LocalDate.of(2026, 11, 20),
                "FGR",
                "FED/0001/2026",
                123456L);
        Text read = StoredText.read(kept.reference(), kept.valuesJson(), "ignored");
        assertThat(read).isEqualTo(kept.text());
        assertThat(read.es())
                .isEqualTo("el arma FX0B01A848, denunciada como robada por BI-89, fue recuperada el 2026-11-20"
                        + " (FGR, expediente FED/0001/2026; rastreo 123456)");
        assertThat(read.en())
                .isEqualTo("weapon FX0B01A848, reported stolen by BI-89, was recovered on 2026-11-20"
                        + " (FGR, case FED/0001/2026; trace 123456)");
    }

    @Test
    void numbersKeepNoThousandsSeparatorAndOldAlertsReadAsTheyWereStored() {
        StoredText kept = StoredText.of(ALERTS, "alert.risk", "BI-173", 67, Text.same("x; y"));
        assertThat(StoredText.read(kept.reference(), kept.valuesJson(), null).es())
                .isEqualTo("[BI-173] riesgo 67: x; y");
        assertThat(StoredText.read(null, null, "weapon X was reported lost"))
                .isEqualTo(Text.same("weapon X was reported lost"));
    }
}
