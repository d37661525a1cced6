package org.rastro.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private static final String COLUMNS = """
            id, username, password_hash, role, display_name, organisation_id, partner_country, language, enabled,
            service, time_zone""";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from app_user where username = :username")
                .param("username", username)
                .query(AccountRepository::map)
                .optional();
    }

    /** An account that signs in with a password: never a service account (those only call with keys). */
    Optional<Account> findForSignIn(String username) {
        return jdbc.sql("select " + COLUMNS + " from app_user where username = :username and not service")
                .param("username", username)
                .query(AccountRepository::map)
                .optional();
    }

    boolean isService(long id) {
        return jdbc.sql("select service from app_user where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** Marks an account as a service account (created just before, in the same request). */
    void markService(long id) {
        jdbc.sql("update app_user set service = true where id = :id")
                .param("id", id)
                .update();
    }

    /**
     * Enables or disables an account; disabling also revokes its session tokens and API keys' use (a disabled
     * account's keys resolve to nothing). False when there is no such account.
     */
    boolean setEnabled(String username, boolean enabled) {
        Optional<Long> id = jdbc.sql("update app_user set enabled = :e where username = :u returning id")
                .param("e", enabled)
                .param("u", username)
                .query(Long.class)
                .optional();
        if (id.isPresent() && !enabled) {
            jdbc.sql("update api_token set revoked_at = now() where user_id = :id and revoked_at is null")
                    .param("id", id.get())
                    .update();
        }
        return id.isPresent();
    }

    Optional<Long> organisationId(String code) {
        return jdbc.sql("select id from organisation where code = :c")
                .param("c", code)
                .query(Long.class)
                .optional();
    }

    Optional<Account> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where id = :id")
                .param("id", id)
                .query(AccountRepository::map)
                .optional();
    }

    Optional<Account> findByTokenHash(byte[] tokenHash) {
        return jdbc.sql("""
                select u.id, u.username, u.password_hash, u.role, u.display_name, u.organisation_id, u.partner_country,
                       u.language, u.enabled, u.service, u.time_zone
                  from api_token t join app_user u on u.id = t.user_id
                 where t.token_hash = :hash and t.revoked_at is null and t.expires_at > now() and u.enabled
                """)
                .param("hash", tokenHash)
                .query(AccountRepository::map)
                .optional();
    }

    long create(
            String username,
            String passwordHash,
            Role role,
            String displayName,
            Long organisationId,
            String partnerCountry) {
        return jdbc.sql("""
                insert into app_user (username, password_hash, role, display_name, organisation_id, partner_country)
                values (:username, :hash, :role, :displayName, :organisationId, :country)
                returning id
                """)
                .param("username", username)
                .param("hash", passwordHash)
                .param("role", role.name())
                .param("displayName", displayName)
                .param("organisationId", organisationId)
                .param("country", partnerCountry)
                .query(Long.class)
                .single();
    }

    void setTimeZone(long id, ZoneId zone) {
        jdbc.sql("update app_user set time_zone = :z where id = :id")
                .param("z", zone.getId())
                .param("id", id)
                .update();
    }

    /** An account's second factor: its TOTP secret (sealed in the table, opened by AccountService) and last step. */
    record SecondFactor(byte[] secret, Long lastStep) {}

    Optional<SecondFactor> secondFactor(String username) {
        return jdbc.sql(
                        "select totp_secret, totp_last_step from app_user where username = :u and totp_secret is not null")
                .param("u", username)
                .query((rs, n) -> new SecondFactor(rs.getBytes(1), rs.getObject(2, Long.class)))
                .optional();
    }

    void setTotpSecret(String username, byte[] sealed) {
        jdbc.sql("update app_user set totp_secret = :s, totp_last_step = null where username = :u")
                .param("s", sealed)
                .param("u", username)
                .update();
    }

    /** Accepts a step once: false when it is not later than the last one accepted (a replay, or a race). */
    boolean acceptStep(String username, long step) {
        return jdbc.sql("""
                update app_user set totp_last_step = :step
                 where username = :u and (totp_last_step is null or totp_last_step < :step)
                """).param("step", step).param("u", username).update() == 1;
    }

    boolean anyAdministrator() {
        return jdbc.sql("select exists (select 1 from app_user where role = 'ADMINISTRATOR')")
                .query(Boolean.class)
                .single();
    }

    boolean anyAccount() {
        return jdbc.sql("select exists (select 1 from app_user)")
                .query(Boolean.class)
                .single();
    }

    List<AccountSummary> list() {
        return jdbc.sql("""
                select u.username, u.role, u.display_name, o.code as organisation, u.enabled, u.service,
                       exists (select 1 from account_block b where b.user_id = u.id and b.lifted_at is null) as blocked
                  from app_user u left join organisation o on o.id = u.organisation_id
                 order by u.role, u.username
                """).query(AccountSummary.class).list();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        Long org = rs.getObject("organisation_id", Long.class);
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")),
                rs.getString("display_name"),
                org,
                rs.getString("partner_country"),
                rs.getString("language"),
                rs.getBoolean("enabled"),
                rs.getBoolean("service"),
                ZoneId.of(rs.getString("time_zone")));
    }

    /** What an administrator sees of an account: never the hash. */
    record AccountSummary(
            String username,
            String role,
            String displayName,
            String organisation,
            boolean enabled,
            boolean service,
            boolean blocked) {
        /** Whether its role signs in with a second factor (one to re-enrol). */
        public boolean secondFactor() {
            return !service && Role.valueOf(role).requiresMfa();
        }
    }
}
