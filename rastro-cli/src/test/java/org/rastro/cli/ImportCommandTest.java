package org.rastro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI does before it reaches a server (the server path is tested in rastro-app). */
class ImportCommandTest {

    @Test
    void aMissingFileIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = RastroCli.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "import",
                "weapons",
                "/no/such/file.csv",
                "--token",
                "t");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void anUnreachableServerIsNamed(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("w.csv"), "serial,make,model\nA1,Colt,M4A1\n");
        StringWriter err = new StringWriter();
        int code = RastroCli.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "import",
                "weapons",
                csv.toString(),
                "--url",
                "http://127.0.0.1:1",
                "--token",
                "t",
                "--quiet");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach the server at http://127.0.0.1:1");
    }

    @Test
    void withoutCredentialsItSaysWhatToGive(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("w.csv"), "serial,make,model\nA1,Colt,M4A1\n");
        StringWriter err = new StringWriter();
        int code = RastroCli.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                "import",
                "weapons",
                csv.toString(),
                "--url",
                "http://127.0.0.1:1",
                "--quiet");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("--token", "--password-file");
    }
}
