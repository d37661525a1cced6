package org.rastro.custody;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.ledger.witness.Witness;
import org.rastro.ledger.witness.WitnessLauncher;
import org.rastro.support.IntegrationTest;
import org.rastro.support.RealBrowser;

/**
 * The auditor's page with witnesses, in Spanish, on a phone and a tablet: the quorum in words, the last
 * cosigned checkpoint, a witness that cosigned and one that does not answer, each with why.
 */
class LedgerWitnessesBrowserTest extends IntegrationTest {

    @Test
    void theAuditorSeesEachWitnessAndWhy(@TempDir Path dir) throws Exception {
        String logKey = api().get("/ledger/vkey", null).body().strip();
        Path policy = dataDir().resolve(WITNESS_POLICY);
        try (WitnessLauncher.Running up = WitnessLauncher.start(new WitnessLauncher.Settings(
                "auditoria.test/testigo",
                dir.resolve("up.key"),
                dir.resolve("up"),
                List.of(logKey),
                "127.0.0.1:0",
                Witness.DEFAULT_PER_SECOND))) {
            WitnessLauncher.Running gone = WitnessLauncher.start(new WitnessLauncher.Settings(
                    "corte.test/testigo",
                    dir.resolve("gone.key"),
                    dir.resolve("gone"),
                    List.of(logKey),
                    "127.0.0.1:0",
                    Witness.DEFAULT_PER_SECOND));
            String goneLine = gone.keys()
                    .policyLine(
                            "corte",
                            "http://127.0.0.1:" + gone.server().address().getPort() + "/");
            gone.close(); // a witness that is down

            // A policy with a mistake: the page quotes the line, in Spanish, and nothing changes.
            Files.writeString(policy, "witness corte\nquorum corte\n");
            Page page = RealBrowser.signedIn(port, "auditor", api().password("auditor"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                page.navigate("/audit/ledger");
                assertThat(page.locator("#witness-policy-error"))
                        .containsText(
                                "La línea 1 de la política de testigos " + policy + " no es válida: «witness corte».");
            });
            assertThat(page.locator("#witnesses")).containsText("Esta bitácora no tiene testigos");
            Files.writeString(
                    policy,
                    up.keys()
                                    .policyLine(
                                            "auditoria",
                                            "http://127.0.0.1:"
                                                    + up.server().address().getPort() + "/")
                            + "\n" + goneLine + "\ngroup instituciones any auditoria corte\nquorum instituciones\n");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> Assertions.assertThat(jdbc.sql(
                                            "select count(*) from ledger_witness where outcome = 'UNREACHABLE' and name = 'corte'")
                                    .query(Long.class)
                                    .single())
                            .isOne());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> Assertions.assertThat(
                                    api().get("/ledger/checkpoint", null).body())
                            .contains("— auditoria.test/testigo "));

            for (int width : new int[] {390, 768}) {
                page.setViewportSize(width, 900);
                page.navigate("/audit/ledger");
                assertThat(page.locator("#witness-quorum"))
                        .hasText("Se publica un punto de control cuando lo cofirman los testigos del quórum"
                                + " «instituciones»: 1 de 2.");
                assertThat(page.locator("#witness-published")).containsText("Último punto de control cofirmado:");
                assertThat(page.locator("#witness-published")).containsText("por auditoria");
                var rows = page.locator("#witness-table tbody tr");
                assertThat(rows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("auditoria")))
                        .containsText("cofirmó");
                assertThat(rows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("corte")))
                        .containsText("no responde: no se puede conectar; se reintenta cada pocos segundos.");
                Assertions.assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
                        .as("nothing wider than the screen at " + width + " px")
                        .isLessThanOrEqualTo(width);
            }
            page.context().close();
        } finally {
            Files.writeString(policy, "quorum none\n");
        }
    }
}
