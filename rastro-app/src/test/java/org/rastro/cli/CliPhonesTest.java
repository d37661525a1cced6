package org.rastro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/**
 * {@code rastro phones import} and {@code rastro phones cells} against the running server: the progress bar while
 * the file uploads, what was kept and refused as outside the warrant, the same file again answered as before, a
 * bad file refused naming each row, in Spanish.
 */
class CliPhonesTest extends IntegrationTest {

    private record Result(int code, String out, String err) {}

    private Result cli(Path password, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("phones"));
        all.addAll(List.of(args));
        all.addAll(List.of(
                "--url",
                "http://localhost:" + port,
                "--user",
                "investigador",
                "--password-file",
                password.toString(),
                "--code",
                api().code("investigador")));
        int code = RastroCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void anOperatorsFileUploadsWithProgressAndIsKeptWithinTheWarrantOnly(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), api().password("investigador") + "\n");
        String token = api().token("investigador");
        long investigation = api().post(
                        "/api/v1/investigations",
                        token,
                        "application/json",
                        api().json(Map.of(
                                "number", "FGR/CLI/" + System.nanoTime() % 1_000_000, "title", "CLI (prueba)")))
                .json()
                .path("id")
                .asLong();
        Api.Response warrant = api().post(
                        "/api/v1/investigations/" + investigation + "/warrants",
                        token,
                        "application/json",
                        api().json(Map.of(
                                "reference", "CAUSA CLI/2026",
                                "court", "Juzgado de Control, Toluca",
                                "judge", "Juez de control (prueba)",
                                "issuedOn", "2026-06-01",
                                "expiresOn", "2027-06-01",
                                "windowFrom", "2026-06-01T06:00:00Z",
                                "windowTo", "2026-07-01T06:00:00Z",
                                "numbers", List.of("7229998877"))));
        long w = warrant.json().path("id").asLong();
        Path file = Files.writeString(dir.resolve("operador.csv"), """
                NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL
                7229998877,7221110000,10/06/2026 10:00:00,60,VOZ,SALIENTE,,,,
                5500001111,5500002222,10/06/2026 11:00:00,60,VOZ,SALIENTE,,,,
                """);

        Result first =
                cli(password, "import", "--warrant", String.valueOf(w), "--template", "operador-a", file.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).as("the progress bar").contains("100%");
        assertThat(first.out()).contains("Importado:", "2 filas leídas, 1 guardadas, 1 fuera de la orden");
        Result again = cli(
                password,
                "import",
                "--warrant",
                String.valueOf(w),
                "--template",
                "operador-a",
                "--quiet",
                file.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("Ya importado:");

        Path bad = Files.writeString(dir.resolve("malo.csv"), """
                NUMERO_A,NUMERO_B,FECHA_HORA,DURACION_SEG,TIPO,SENTIDO,IMEI,IMSI,CELDA_INICIAL,CELDA_FINAL
                7229998877,7221110000,31/02/2026 10:00:00,60,VOZ,SALIENTE,,,,
                7229998877,7221110000,10/06/2026 12:00:00,60,FAX,SALIENTE,,,,
                """);
        Result refused = cli(
                password,
                "import",
                "--warrant",
                String.valueOf(w),
                "--template",
                "operador-a",
                "--quiet",
                bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("no se guardó nada", "línea 2", "línea 3", "FAX");

        Path cells = Files.writeString(dir.resolve("celdas.csv"), """
                cell_id,operator,latitude,longitude,azimuth,beam_width,radius_m,address
                334-020-7-1,Operador,19.28,-99.65,0,120,2000,Toluca
                """);
        Result listed = cli(password, "cells", "--quiet", cells.toString());
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("Celdas: 1 leídas");
    }
}
