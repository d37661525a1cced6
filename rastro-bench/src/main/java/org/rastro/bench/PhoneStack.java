package org.rastro.bench;

import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.rastro.phones.CallRecordImport;
import org.rastro.phones.CellSites;
import org.rastro.phones.Churn;
import org.rastro.phones.ImportTemplates;
import org.rastro.phones.Investigations;
import org.rastro.phones.Locations;
import org.rastro.phones.NetworkMeasures;
import org.rastro.phones.PhoneAnalyses;
import org.rastro.phones.PhoneGraphs;
import org.rastro.phones.PhoneIdentifiers;
import org.rastro.phones.QueryLog;
import org.rastro.phones.Warrants;
import org.rastro.privacy.PersonalData;
import org.rastro.security.ReadGuard;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The server's phone-record services wired by hand on a migrated database, for the phone benchmarks: the same
 * classes the server runs, with an investigator account to act as and the read guard's limits out of the way
 * (it still tallies every record read, as in the server).
 */
record PhoneStack(
        JdbcClient jdbc,
        long user,
        Investigations investigations,
        Warrants warrants,
        CallRecordImport imports,
        CellSites cells,
        PhoneGraphs graphs,
        PhoneAnalyses analyses,
        Locations locations,
        Churn churn,
        NetworkMeasures measures) {

    static PhoneStack on(DataSource ds, Path keyFile) {
        JdbcClient jdbc = JdbcClient.create(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        long user = jdbc.sql("""
                insert into app_user (username, password_hash, role, display_name)
                values ('bench', 'x', 'INVESTIGATOR', 'bench') returning id
                """).query(Long.class).single();
        PersonalData personal = new PersonalData(ds, keyFile);
        Investigations investigations = new Investigations(jdbc);
        Warrants warrants = new Warrants(jdbc, personal, investigations);
        CallRecordImport imports = new CallRecordImport(
                jdbc, new JdbcTemplate(ds), tx, personal, warrants, new ImportTemplates(), new PhoneIdentifiers(jdbc));
        ReadGuard guard = new ReadGuard(jdbc, tx, Duration.ofHours(24), 0.5, 1_000_000_000L, 0.9, 1_000_000_000L);
        QueryLog log = new QueryLog(jdbc, personal, guard, investigations);
        CellSites cells = new CellSites(jdbc);
        PhoneGraphs graphs = new PhoneGraphs(jdbc);
        return new PhoneStack(
                jdbc,
                user,
                investigations,
                warrants,
                imports,
                cells,
                graphs,
                new PhoneAnalyses(jdbc, log, graphs),
                new Locations(jdbc, log, cells),
                new Churn(jdbc, log, graphs),
                new NetworkMeasures(log, graphs));
    }
}
