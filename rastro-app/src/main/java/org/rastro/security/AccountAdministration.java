package org.rastro.security;

import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.rastro.system.TextBundle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator's work on accounts, whether asked through the API or the pages: create a person's account
 * or a service account with its key, disable and enable. Secrets the server makes appear once, in
 * {@link Created}.
 */
@Service
public class AccountAdministration {

    private static final TextBundle TEXTS = TextBundle.of("security");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccountService accounts;
    private final AccountRepository repository;
    private final ServiceKeys keys;

    AccountAdministration(AccountService accounts, AccountRepository repository, ServiceKeys keys) {
        this.accounts = accounts;
        this.repository = repository;
        this.keys = keys;
    }

    /**
     * What to create: {@code organisation} a code (null: national), {@code password} null to generate one,
     * {@code timeZone} an IANA zone (null: Mexico's centre).
     */
    public record NewAccount(
            String username,
            Role role,
            String displayName,
            String organisation,
            String partnerCountry,
            String password,
            boolean service,
            List<String> allowedAddresses,
            String timeZone) {}

    /**
     * What creating an account answers. {@code initialPassword} when the server chose it; {@code totpSecret}
     * and {@code otpauthUri} for roles that sign in with a second factor; {@code apiKey} for a service account.
     */
    public record Created(
            String username,
            Role role,
            String organisation,
            boolean service,
            String initialPassword,
            String totpSecret,
            String otpauthUri,
            Long apiKeyId,
            String apiKey) {}

    @Transactional
    public Created create(NewAccount account, Account admin) {
        String organisation =
                account.organisation() == null || account.organisation().isBlank()
                        ? null
                        : account.organisation().strip().toUpperCase(Locale.ROOT);
        Long organisationId = organisation == null
                ? null
                : repository
                        .organisationId(organisation)
                        .orElseThrow(() -> TEXTS.notFound("accounts.organisation.unknown", account.organisation()));
        if (account.service() && account.role() == Role.ADMINISTRATOR) {
            throw TEXTS.invalid("accounts.service.admin");
        }
        ZoneId zone = zone(account.timeZone());
        String given = account.password() == null || account.password().isEmpty() ? null : account.password();
        String password = account.service() || given == null ? generatedPassword() : given;
        AccountService.Created created = accounts.create(
                account.username(),
                password,
                account.role(),
                account.displayName(),
                organisationId,
                account.partnerCountry() == null || account.partnerCountry().isBlank()
                        ? null
                        : account.partnerCountry());
        repository.setTimeZone(created.id(), zone);
        ServiceKeys.Issued key = null;
        if (account.service()) {
            repository.markService(created.id());
            key = keys.issue(created.id(), account.allowedAddresses(), admin.id());
        }
        return new Created(
                account.username(),
                account.role(),
                organisation,
                account.service(),
                account.service() || given != null ? null : password,
                account.service() ? null : created.totpSecret(),
                account.service() ? null : created.totpUri(),
                key == null ? null : key.id(),
                key == null ? null : key.key());
    }

    /** The zone an account's times are shown in: an IANA name ("America/Tijuana"), Mexico's centre when none. */
    static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            return Account.MEXICO_CITY;
        }
        try {
            return ZoneId.of(name.strip());
        } catch (DateTimeException e) {
            throw TEXTS.invalid("accounts.timeZone", name.strip());
        }
    }

    /** Enables or disables an account (disabled: tokens revoked, keys stop); an unknown one is not found. */
    public void setEnabled(String username, boolean enabled) {
        if (!repository.setEnabled(username, enabled)) {
            throw TEXTS.notFound("accounts.unknown", username);
        }
    }

    /** The role a client or a form names (case and blanks aside); a clear 400 for anything else. */
    public static Role role(String name) {
        if (name != null) {
            for (Role r : Role.values()) {
                if (r.name().equalsIgnoreCase(name.strip())) {
                    return r;
                }
            }
        }
        throw TEXTS.invalid(
                "accounts.role.unknown",
                String.valueOf(name),
                List.of(Role.values()).toString());
    }

    private static String generatedPassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
