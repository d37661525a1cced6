package org.rastro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RastroApplicationTest {

    @Test
    void theCommandLineBecomesSpringProperties() {
        assertThat(RastroApplication.translate(
                        new String[] {"demo", "--port", "18080", "--data-dir=/tmp/x", "--weapons", "500"}))
                .containsExactly(
                        "--rastro.demo.enabled=true",
                        "--server.port=18080",
                        "--rastro.data-dir=/tmp/x",
                        "--rastro.demo.weapons=500",
                        // the demo's own two witnesses write their policy there (demo.DemoWitnesses)
                        "--rastro.ledger.witness-policy=${rastro.data-dir:rastro-data}/demo-witnesses/policy");
        // An operator's policy replaces the demo's witnesses.
        assertThat(RastroApplication.translate(new String[] {"demo", "--witness-policy", "/etc/rastro/testigos"}))
                .containsExactly("--rastro.demo.enabled=true", "--rastro.ledger.witness-policy=/etc/rastro/testigos");
        assertThat(RastroApplication.translate(
                        new String[] {"serve", "--db-url", "jdbc:postgresql://db/rastro", "--db-user", "r"}))
                .containsExactly(
                        "--rastro.demo.enabled=false",
                        "--rastro.db.url=jdbc:postgresql://db/rastro",
                        "--rastro.db.user=r");
        assertThat(RastroApplication.translate(new String[] {"serve"}))
                .as("no witnesses unless a policy is given")
                .containsExactly("--rastro.demo.enabled=false");
        assertThat(RastroApplication.translate(new String[] {"--help"})).isNull();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> RastroApplication.translate(new String[] {"deploy"}))
                .hasMessageContaining("deploy");
        assertThatThrownBy(() -> RastroApplication.translate(new String[] {"demo", "--prot", "1"}))
                .hasMessageContaining("--prot");
        assertThatThrownBy(() -> RastroApplication.translate(new String[] {"demo", "--port"}))
                .hasMessageContaining("needs a value");
    }
}
