package org.rastro.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void makeKeysDropPunctuationAccentsAndCorporateWords() {
        assertThat(Keys.make("Colt/Colts Mfg. Co., Inc.")).isEqualTo("COLT COLTS");
        assertThat(Keys.make("Heckler & Koch GmbH")).isEqualTo(Keys.make("heckler and koch"));
        assertThat(Keys.make("Česká zbrojovka")).isEqualTo("CESKA ZBROJOVKA");
    }

    @Test
    void calibreKeysIgnoreDotsSpacesAndTrailingMillimetres() {
        assertThat(Keys.calibre(".45 ACP.")).isEqualTo("45ACP");
        assertThat(Keys.calibre("7.62 X 39")).isEqualTo("7.62X39");
        assertThat(Keys.calibre("7.62x39mm")).isEqualTo("7.62X39");
        assertThat(Keys.calibre("9 mm")).isEqualTo("9");
        assertThat(Keys.calibre("32 cal")).isEqualTo("32");
        assertThat(Keys.calibre("5.56×45")).isEqualTo("5.56X45");
    }

    @Test
    void serialsKeepLettersAndDigitsAndRefuseAnythingElse() {
        assertThat(Keys.serial(" ber-123456z ")).isEqualTo("BER123456Z");
        assertThat(Keys.serial("64 123/456.7_8")).isEqualTo("641234567" + "8");
        assertThat(Keys.serial("AB#12")).isNull();
        assertThat(Keys.serial("")).isNull();
        assertThat(Keys.serial("Ñ123")).isNull();
    }

    @Test
    void modelKeysAreLettersAndDigitsOnly() {
        assertThat(Keys.model("FX-05 Xiuhcóatl")).isEqualTo(Keys.model("fx05 xiuhcoatl"));
        assertThat(Keys.model("M&P9")).isEqualTo("MP9");
    }
}
