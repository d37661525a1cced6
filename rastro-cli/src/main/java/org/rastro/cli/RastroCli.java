package org.rastro.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Rastro command line. No Spring: it must start in well under a second. Server-side work
 * (bulk import) goes through the REST API, so the CLI holds no database credentials.
 */
@Command(
        name = "rastro",
        mixinStandardHelpOptions = true,
        version = "rastro 0.1.0",
        description = "Rastro command line / línea de comandos de Rastro",
        subcommands = {
            ImportCommand.class,
            VerifyCommand.class,
            AccountsCommand.class,
            WitnessCommand.class,
            PsiCommand.class,
            PhonesCommand.class
        })
public final class RastroCli {

    /** Exit codes: 0 done, 1 the server rejected the input, 2 bad usage, 3 could not reach or authenticate. */
    static final int REJECTED = 1;

    static final int UNREACHABLE = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new RastroCli()).execute(args);
    }

    /** For callers that capture the output (tests, scripts embedding the CLI). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new RastroCli()).setOut(out).setErr(err).execute(args);
    }
}
