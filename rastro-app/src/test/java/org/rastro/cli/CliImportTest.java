package org.rastro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.support.IntegrationTest;

/** {@code rastro import} against the running server: exit codes, named errors, idempotence. */
class CliImportTest extends IntegrationTest {

    private final String run =
            Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();

    private record Result(int code, String out, String err) {}

    private Result cli(Path csv, Path passwordFile) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RastroCli.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "import",
                "weapons",
                csv.toString(),
                "--url",
                "http://localhost:" + port,
                "--user",
                "registro",
                "--password-file",
                passwordFile.toString(),
                "--code",
                api().code("registro"),
                "--quiet");
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aMalformedRowExitsNonZeroNamesLineAndColumnAndImportsNothing(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), api().password("registro") + "\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"), """
                serial,make,model,year
                C%1$s-1,Glock,17,2019
                C%1$s-2,Glock,17,nineteen
                """.formatted(run));
        long before = count("weapon");
        Result rejected = cli(bad, password);
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).contains("línea 3, columna 'year'", "nineteen", "no se importó nada");
        assertThat(count("weapon")).isEqualTo(before);

        Path good = Files.writeString(dir.resolve("good.csv"), """
                serial,make,model,year
                C%1$s-1,Glock,17,2019
                C%1$s-2,Glock,17,2019
                """.formatted(run));
        Result first = cli(good, password);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 nuevas");
        Result second = cli(good, password);
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("0 nuevas", "2 ya registradas");
        assertThat(count("weapon")).isEqualTo(before + 2);
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "not-the-password\n");
        Path csv = Files.writeString(dir.resolve("w.csv"), "serial,make,model\nC1,Glock,17\n");
        Result result = cli(csv, password);
        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("sign-in failed", "invalid username or password");
    }
}
