package org.rastro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rastro.ledger.witness.WitnessLauncher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the Rastro server.
 *
 * <p>{@code java -jar rastro.jar demo|serve [options]} — the launcher script {@code ./rastro}
 * calls this. The options are translated into Spring properties here, in one visible place, so
 * that the same names work from the script, from the jar and from the environment
 * ({@code RASTRO_DB_URL} and friends are bound by Spring's relaxed binding).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RastroApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("witness")) {
            witness(List.of(args).subList(1, args.length));
            return;
        }
        List<String> springArgs;
        try {
            springArgs = translate(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rastro: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (springArgs == null) {
            System.out.println(USAGE);
            return;
        }
        SpringApplication.run(RastroApplication.class, springArgs.toArray(String[]::new));
    }

    /**
     * The server jar's witness mode: a witness of other logs, without the database or Spring (docs/WITNESS.md).
     * It runs until the process is stopped.
     */
    private static void witness(List<String> args) {
        WitnessLauncher.Running running;
        WitnessLauncher.Settings settings;
        try {
            settings = WitnessLauncher.Settings.parse(args);
            running = WitnessLauncher.start(settings);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("rastro witness: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        WitnessLauncher.describe(running, settings.name()).forEach(System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where, under the data directory, the demo's own witnesses write their policy. */
    public static final String DEMO_WITNESS_DIR = "demo-witnesses";

    /** The demo witnesses' policy, in their directory. */
    public static final String DEMO_WITNESS_POLICY = DEMO_WITNESS_DIR + "/policy";

    static final String USAGE = """
            Usage: rastro demo|serve [options]
                   rastro witness --name NAME --key-file FILE --state DIR --log VKEY [--listen HOST:PORT]
              demo                 start the server and load the demo world if the database is empty
              serve                start the server without demo data
              witness              a witness of other logs' checkpoints, without a database (docs/WITNESS.md)
            Options:
              --port N             HTTP port (default 8080)
              --data-dir DIR       data directory: embedded database, credentials (default ./rastro-data)
              --db-url URL         external PostgreSQL JDBC URL (or RASTRO_DB_URL); default: embedded
              --db-user USER       external database user (or RASTRO_DB_USER)
              --db-password PASS   external database password (or RASTRO_DB_PASSWORD)
              --db-owner-user USER the schema owner, for migrations (or RASTRO_DB_OWNER_USER); the
                                   application user then gets no UPDATE/DELETE on the custody log
              --db-owner-password PASS  (or RASTRO_DB_OWNER_PASSWORD)
              --weapons N          demo scale: number of weapons (default 30000)
              --seed N             demo generator seed (default 20261122)
              --witness-policy F   the witnesses that cosign the custody log (docs/WITNESS.md); the demo
                                   starts two demo witnesses of its own unless one is given
            """;

    /**
     * Maps the command line onto Spring properties. Returns null when help was asked for.
     * Arguments that already look like Spring properties ({@code --server.port=...}) pass through.
     */
    static List<String> translate(String[] args) {
        List<String> out = new ArrayList<>();
        int i = 0;
        String mode = "serve";
        if (args.length > 0 && !args[0].startsWith("-")) {
            mode = args[0].toLowerCase(Locale.ROOT);
            i = 1;
        }
        switch (mode) {
            case "demo" -> out.add("--rastro.demo.enabled=true");
            case "serve" -> out.add("--rastro.demo.enabled=false");
            case "help" -> {
                return null;
            }
            default -> throw new IllegalArgumentException("unknown command '" + mode + "' (expected demo or serve)");
        }
        for (; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String property = switch (name) {
                case "--port" -> "server.port";
                case "--data-dir" -> "rastro.data-dir";
                case "--db-url" -> "rastro.db.url";
                case "--db-user" -> "rastro.db.user";
                case "--db-password" -> "rastro.db.password";
                case "--db-owner-user" -> "rastro.db.owner-user";
                case "--db-owner-password" -> "rastro.db.owner-password";
                case "--weapons" -> "rastro.demo.weapons";
                case "--seed" -> "rastro.demo.seed";
                case "--witness-policy" -> "rastro.ledger.witness-policy";
                default -> null;
            };
            if (property == null) {
                if (name.startsWith("--") && name.contains(".") && value != null) {
                    out.add(arg);
                    continue;
                }
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            out.add("--" + property + "=" + value);
        }
        if (mode.equals("demo") && out.stream().noneMatch(a -> a.startsWith("--rastro.ledger.witness-policy="))) {
            // The demo's two witnesses of its own write this policy when they start (demo.DemoWitnesses).
            out.add("--rastro.ledger.witness-policy=${rastro.data-dir:rastro-data}/" + DEMO_WITNESS_POLICY);
        }
        return out;
    }
}
