package org.rastro.security;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.rastro.privacy.PersonalData;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates accounts. The only way an account comes to exist, so the rules live here. */
@Service
public class AccountService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,40}");
    static final int MIN_PASSWORD_LENGTH = 12;

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final PersonalData personalData;

    AccountService(AccountRepository accounts, PasswordEncoder encoder, PersonalData personalData) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.personalData = personalData;
    }

    /**
     * A new account. For a role that signs in with a second factor, {@code totpSecret} (Base32) and
     * {@code totpUri} are what its user's authenticator app needs: shown once to whoever created the account,
     * stored only sealed.
     */
    public record Created(long id, String totpSecret, String totpUri) {}

    public Created create(String username, String password, Role role, String displayName, Long organisationId) {
        return create(username, password, role, displayName, organisationId, null);
    }

    /**
     * An account and its jurisdiction: an organisation whose tree it works in (null: national), and for a
     * foreign partner their country, without which a partner sees nothing.
     */
    public Created create(
            String username,
            String password,
            Role role,
            String displayName,
            Long organisationId,
            String partnerCountry) {
        if (partnerCountry != null && (role != Role.FOREIGN_PARTNER || !partnerCountry.matches("[A-Z]{2}"))) {
            throw RastroException.invalid("a partner country ('" + partnerCountry
                    + "') is two capital letters (ISO 3166-1) and belongs to a foreign partner's account only");
        }
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw RastroException.invalid("username '" + username
                    + "' must be 3 to 40 characters of lower-case letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            throw RastroException.invalid(
                    "the password must have between " + MIN_PASSWORD_LENGTH + " and 200 characters");
        }
        if (displayName == null || displayName.isBlank()) {
            throw RastroException.invalid("a display name is required");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new RastroException(ErrorCode.CONFLICT, "username '" + username + "' is taken");
        }
        long id = accounts.create(
                username, encoder.encode(password), role, displayName.strip(), organisationId, partnerCountry);
        if (!role.requiresMfa()) {
            return new Created(id, null, null);
        }
        byte[] secret = enrol(username);
        return new Created(id, Totp.base32(secret), Totp.uri(username, secret));
    }

    /** A new TOTP secret for the account (first enrolment, or a lost phone): the old one stops working at once. */
    public String enrolTotp(String username) {
        Account account = accounts.findByUsername(username)
                .orElseThrow(
                        () -> new RastroException(ErrorCode.NOT_FOUND, "account '" + username + "' does not exist"));
        if (!account.role().requiresMfa()) {
            throw RastroException.invalid("role " + account.role() + " signs in without a second factor");
        }
        return Totp.uri(username, enrol(username));
    }

    private byte[] enrol(String username) {
        byte[] secret = Totp.newSecret();
        accounts.setTotpSecret(username, personalData.cipher().seal(Totp.base32(secret), totpContext(username)));
        return secret;
    }

    static String totpContext(String username) {
        return "app_user.totp_secret|" + username;
    }

    /** The account's TOTP secret and the last step it accepted, opened; empty when it has none. */
    Optional<AccountRepository.SecondFactor> secondFactor(String username) {
        return accounts.secondFactor(username)
                .map(f -> new AccountRepository.SecondFactor(
                        new Base32().decode(personalData.cipher().open(f.secret(), totpContext(username))),
                        f.lastStep()));
    }

    public boolean anyAccount() {
        return accounts.anyAccount();
    }
}
