package org.rastro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parties comparing CSV lists through files: the asker learns the weapons in common — written differently
 * in each list — or only how many; a request answered twice is refused; a list with a bad row is named.
 */
class PsiCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RastroCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void twoListsComparedByFiles(@TempDir Path dir) throws Exception {
        Path ours = Files.writeString(
                dir.resolve("ours.csv"),
                "make,serial\nGlock,BKR-512\nColt,LE123456\nBarrett,AA0042\nFN Herstal,386000123\n");
        Path theirs = Files.writeString(
                dir.resolve("theirs.csv"),
                "serial,make,model\nbkr 512,GLOCK,19\n386000123,fn  herstal,M249\nZZ9,Colt,M4\n");
        for (String mode : new String[] {"INTERSECTION", "CARDINALITY"}) {
            Path session = dir.resolve(mode + "-session.json");
            Run open = cli(
                    "psi",
                    "open",
                    "--key",
                    dir.resolve("holder.key").toString(),
                    "--sessions",
                    dir.resolve("s").toString(),
                    "--items",
                    ours.toString(),
                    "--cap",
                    "10",
                    "--mode",
                    mode,
                    "--out",
                    session.toString());
            assertThat(open.code()).as(open.err()).isZero();
            Path request = dir.resolve(mode + "-request.json");
            Path state = dir.resolve(mode + "-asker.state");
            Run ask = cli(
                    "psi",
                    "ask",
                    "--session",
                    session.toString(),
                    "--items",
                    theirs.toString(),
                    "--out",
                    request.toString(),
                    "--state",
                    state.toString());
            assertThat(ask.code()).as(ask.err()).isZero();
            assertThat(Files.readString(request))
                    .as("the request carries no serial")
                    .doesNotContain("BKR")
                    .doesNotContain("386000123");
            Path answer = dir.resolve(mode + "-answer.json");
            Run answered = cli(
                    "psi",
                    "answer",
                    "--key",
                    dir.resolve("holder.key").toString(),
                    "--sessions",
                    dir.resolve("s").toString(),
                    "--items",
                    ours.toString(),
                    "--request",
                    request.toString(),
                    "--out",
                    answer.toString());
            assertThat(answered.code()).as(answered.err()).isZero();
            assertThat(answered.out()).contains("3 elementos preguntados");
            Run read = cli("psi", "read", "--state", state.toString(), "--answer", answer.toString());
            assertThat(read.code()).as(read.err()).isZero();
            assertThat(read.out()).contains("2 elementos en común (el otro lado tiene 4)");
            if (mode.equals("INTERSECTION")) {
                assertThat(read.out())
                        .contains("S|GLOCK|BKR512")
                        .contains("S|FN HERSTAL|386000123")
                        .doesNotContain("ZZ9");
            } else {
                assertThat(read.out()).doesNotContain("GLOCK");
            }
            Run again = cli(
                    "psi",
                    "answer",
                    "--key",
                    dir.resolve("holder.key").toString(),
                    "--sessions",
                    dir.resolve("s").toString(),
                    "--items",
                    ours.toString(),
                    "--request",
                    request.toString(),
                    "--out",
                    dir.resolve("again.json").toString());
            assertThat(again.code()).isEqualTo(4);
            assertThat(again.err()).contains("rechazado: la sesión ya fue respondida (replayed)");
        }
    }

    /** {@code rastro psi open} on a list in {@code dir}, with any further options. */
    private static Run open(Path dir, Path items, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "psi",
                "open",
                "--key",
                dir.resolve("k").toString(),
                "--sessions",
                dir.resolve("s").toString(),
                "--items",
                items.toString(),
                "--cap",
                "10",
                "--out",
                dir.resolve("session.json").toString()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void aListWithABadRowIsNamedAndNothingIsCompared(@TempDir Path dir) throws Exception {
        Path ours = Files.writeString(dir.resolve("ours.csv"), "make,serial\nGlock,BKR-512\n,123\n");
        Run open = open(dir, ours);
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.err()).contains("línea 3").contains("marca (make) y número de serie");
        assertThat(dir.resolve("session.json")).doesNotExist();
        Path noHeader = Files.writeString(dir.resolve("bad.csv"), "serial\nA1\n");
        Run bad = open(dir, noHeader);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("las columnas make y serial, o una columna lot");
        Run english = open(dir, noHeader, "--lang", "en");
        assertThat(english.err()).contains("make and serial columns, or a lot column");
    }
}
