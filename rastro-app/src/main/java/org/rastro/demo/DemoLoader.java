package org.rastro.demo;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import javax.sql.DataSource;
import org.rastro.comparisons.Comparisons;
import org.rastro.crafted.CraftedWeapons;
import org.rastro.custody.CustodyService;
import org.rastro.privacy.PersonalData;
import org.rastro.registry.importing.BulkImporter;
import org.rastro.registry.importing.ImportEntity;
import org.rastro.registry.importing.ImportReport;
import org.rastro.security.AccountService;
import org.rastro.security.Role;
import org.rastro.system.CsvOut;
import org.rastro.system.OwnerOnlyFiles;
import org.rastro.system.RastroProperties;
import org.rastro.tracing.TraceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * In demo mode, loads the demo world into an empty registry through the bulk importer and creates
 * one account per role with a random password, written to {@code <data-dir>/demo-credentials.txt}
 * (owner read/write only). A registry that already has weapons is left alone, so a restart keeps
 * whatever the previous run did.
 */
@Component
@Order(10)
class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    static final String CREDENTIALS_FILE = "demo-credentials.txt";

    private final RastroProperties properties;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AccountService accounts;
    private final CustodyService custody;
    private final TraceService traces;
    private final PersonalData personalData;
    private final CraftedWeapons crafted;

    private final Comparisons comparisons;
    private final PhoneWorldDeps phones;

    /** What the demo's phone world records through. */
    record PhoneWorldDeps(
            org.rastro.phones.Investigations investigations,
            org.rastro.phones.Warrants warrants,
            org.rastro.phones.CallRecordImport imports,
            org.rastro.phones.CellSites cells,
            org.rastro.phones.CustodyNetwork network) {}

    DemoLoader(
            RastroProperties properties,
            DataSource dataSource,
            JdbcClient jdbc,
            AccountService accounts,
            CustodyService custody,
            TraceService traces,
            PersonalData personalData,
            CraftedWeapons crafted,
            Comparisons comparisons,
            org.rastro.phones.Investigations investigations,
            org.rastro.phones.Warrants warrants,
            org.rastro.phones.CallRecordImport imports,
            org.rastro.phones.CellSites cells,
            org.rastro.phones.CustodyNetwork network) {
        this.phones = new PhoneWorldDeps(investigations, warrants, imports, cells, network);
        this.crafted = crafted;
        this.comparisons = comparisons;
        this.personalData = personalData;
        this.traces = traces;
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.custody = custody;
    }

    /** The demo accounts: username, role, display name, organisation code (null: national). */
    record DemoAccount(String username, Role role, String displayName, String organisation, String country) {
        DemoAccount(String username, Role role, String displayName, String organisation) {
            this(username, role, displayName, organisation, null);
        }
    }

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("registro", Role.REGISTRY_OFFICER, "Oficial de registro (demo)", null),
            new DemoAccount(
                    "armeria",
                    Role.ARMORY_CLERK,
                    "Encargado de la Armería de la 22/a. Zona Militar (demo)",
                    "ARM-ZM-22"),
            new DemoAccount(
                    "comandante", Role.UNIT_COMMANDER, "Comandante del 89/o. Batallón de Infantería (demo)", "BI-89"),
            new DemoAccount("inspector", Role.INSPECTOR, "Inspector del Ejército (demo)", null),
            new DemoAccount("analista", Role.TRACE_ANALYST, "Analista de rastreo, CENAPI (demo)", null),
            new DemoAccount("investigador", Role.INVESTIGATOR, "Investigador ministerial (demo)", null),
            new DemoAccount("auditor", Role.AUDITOR, "Auditor externo (demo)", null),
            new DemoAccount("socio", Role.FOREIGN_PARTNER, "Socio extranjero, EE. UU. (demo)", null, "US"),
            new DemoAccount("admin", Role.ADMINISTRATOR, "Administrador (demo)", null));

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo().enabled()) {
            return;
        }
        boolean empty = jdbc.sql("select not exists (select 1 from weapon)")
                .query(Boolean.class)
                .single();
        if (empty) {
            load();
        } else {
            log.info("The registry already has data: the demo world is not loaded again");
        }
        if (!accounts.anyAccount()) {
            createAccounts();
        }
        boolean noHistory = jdbc.sql("select not exists (select 1 from custody_event)")
                .query(Boolean.class)
                .single();
        if (empty && noHistory) {
            long clerk = jdbc.sql("select id from app_user where username = 'registro'")
                    .query(Long.class)
                    .single();
            long started = System.nanoTime();
            int events = new DemoHistory(jdbc, custody).record(properties.demo().seed(), clerk, "registro");
            log.info(
                    "Recorded {} custody events of the demo history in {} ms",
                    events,
                    (System.nanoTime() - started) / 1_000_000);
            long analyst = jdbc.sql("select id from app_user where username = 'analista'")
                    .query(Long.class)
                    .single();
            int recoveries =
                    new DemoRecoveries(jdbc, traces).record(properties.demo().seed(), analyst);
            log.info("Traced {} recovered weapons of the demo", recoveries);
        }
        boolean noCrafted = jdbc.sql("select not exists (select 1 from crafted_weapon)")
                .query(Boolean.class)
                .single();
        if (noCrafted) {
            // Untraceable weapons came later than the demo world: a demo data directory gets them once, too.
            long analyst = jdbc.sql("select id from app_user where username = 'analista'")
                    .query(Long.class)
                    .optional()
                    .orElse(-1L);
            if (analyst > 0) {
                int crafted = new DemoCrafted(jdbc, this.crafted)
                        .record(properties.demo().seed(), analyst);
                log.info("Recorded {} untraceable weapons of the demo and their links", crafted);
            }
        }
        boolean noInvestigation = jdbc.sql("select not exists (select 1 from investigation)")
                .query(Boolean.class)
                .single();
        Long investigator = jdbc.sql("select id from app_user where username = 'investigador'")
                .query(Long.class)
                .optional()
                .orElse(null);
        if (noInvestigation && investigator != null) {
            // Phone records came later than the demo world: a demo data directory gets its investigation once, too.
            long started = System.nanoTime();
            PhoneWorld.Cast cast = new PhoneWorld(
                            jdbc,
                            phones.investigations(),
                            phones.warrants(),
                            phones.imports(),
                            phones.cells(),
                            phones.network())
                    .plant(properties.demo().seed(), properties.demo().phoneRecords(), investigator);
            log.info(
                    "Planted the demo's phone records (investigation {}) in {} ms",
                    cast.investigation(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        boolean noAgreement = jdbc.sql("select not exists (select 1 from sharing_agreement)")
                .query(Boolean.class)
                .single();
        Long admin = jdbc.sql("select id from app_user where username = 'admin'")
                .query(Long.class)
                .optional()
                .orElse(null);
        boolean partner = jdbc.sql("select exists (select 1 from app_user where username = 'socio')")
                .query(Boolean.class)
                .single();
        if (noAgreement && admin != null && partner) {
            // Comparisons came later than the demo world: a demo data directory gets its partner once, too.
            long agreement = new DemoComparisons(jdbc, comparisons)
                    .prepare(properties.dataDir(), properties.demo().seed(), admin);
            log.info(
                    "Made comparison agreement {} with the demo partner; its list is in {}",
                    agreement,
                    properties.dataDir().resolve("demo-partner"));
        }
    }

    private void load() {
        long started = System.nanoTime();
        Path directory = properties.dataDir().resolve("demo-world");
        var settings = new DemoWorld.Settings(
                properties.demo().weapons(), properties.demo().seed());
        DemoWorld.Summary summary = new DemoWorld(settings).writeCsv(directory);
        log.info("Generated the demo world in {}: {}", directory, summary);
        BulkImporter importer = new BulkImporter(dataSource, personalData);
        for (ImportEntity entity : ImportEntity.values()) {
            Path file = directory.resolve(entity.path() + ".csv");
            ImportReport report;
            try (InputStream in = Files.newInputStream(file)) {
                report = importer.importCsv(entity, in, null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (report.status() != ImportReport.Status.IMPORTED) {
                throw new IllegalStateException("the demo world's " + entity.path() + " did not import: "
                        + report.errors().stream()
                                .limit(5)
                                .map(Object::toString)
                                .toList());
            }
            if (entity == ImportEntity.PEOPLE) {
                // Names are sealed in the database; no plaintext copy of them stays on disk (synthetic or not).
                // What a clerk needs to try the demo stays: every matrícula, with its rank and unit.
                withoutNames(file);
            }
        }
        log.info("Loaded the demo world in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Rewrites the people file with matrícula, rank, unit and the synthetic mark only: no names. */
    private static void withoutNames(Path file) {
        Path kept = file.resolveSibling("people.csv.tmp");
        try (CsvReader<CsvRecord> in = CsvReader.builder().ofCsvRecord(file);
                CsvOut out = CsvOut.to(kept)) {
            List<String> header = null;
            for (CsvRecord r : in) {
                if (header == null) {
                    header = r.getFields();
                }
                out.row(
                        r.getField(header.indexOf("matricula")),
                        r.getField(header.indexOf("rank")),
                        r.getField(header.indexOf("unit_code")),
                        r.getField(header.indexOf("synthetic")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + " without names", e);
        }
        try {
            Files.move(kept, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }

    private void createAccounts() {
        StringBuilder file = new StringBuilder("""
                # Rastro demo accounts. Random passwords, made for this data directory only.
                # Cuentas de demostración de Rastro. Contraseñas aleatorias, solo para este directorio.
                # The fourth column is the second factor's secret (Base32) for an authenticator app; "-" when the
                # role signs in without one. / La cuarta columna es el secreto del segundo factor (Base32).
                # username / usuario\trole / rol\tpassword / contraseña\ttotp
                """);
        for (DemoAccount account : ACCOUNTS) {
            String password = randomPassword();
            Long org = account.organisation() == null
                    ? null
                    : jdbc.sql("select id from organisation where code = :code")
                            .param("code", account.organisation())
                            .query(Long.class)
                            .optional()
                            .orElse(null);
            var created = accounts.create(
                    account.username(), password, account.role(), account.displayName(), org, account.country());
            file.append(account.username())
                    .append('\t')
                    .append(account.role())
                    .append('\t')
                    .append(password)
                    .append('\t')
                    .append(created.totpSecret() == null ? "-" : created.totpSecret())
                    .append('\n');
        }
        Path path = properties.dataDir().resolve(CREDENTIALS_FILE);
        try {
            OwnerOnlyFiles.write(path, file.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo credentials to " + path, e);
        }
    }

    private static String randomPassword() {
        // 18 characters from an alphabet without look-alikes: about 100 bits.
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
