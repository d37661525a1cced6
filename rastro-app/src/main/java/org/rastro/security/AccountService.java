package org.rastro.security;

import java.util.regex.Pattern;
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

    AccountService(AccountRepository accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
    }

    public long create(String username, String password, Role role, String displayName, Long organisationId) {
        return create(username, password, role, displayName, organisationId, null);
    }

    /**
     * An account and its jurisdiction: an organisation whose tree it works in (null: national), and for a
     * foreign partner their country, without which a partner sees nothing.
     */
    public long create(String username, String password, Role role, String displayName, Long organisationId,
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
            throw RastroException.invalid("the password must have between " + MIN_PASSWORD_LENGTH + " and 200 characters");
        }
        if (displayName == null || displayName.isBlank()) {
            throw RastroException.invalid("a display name is required");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new RastroException(org.rastro.system.ErrorCode.CONFLICT, "username '" + username + "' is taken");
        }
        return accounts.create(username, encoder.encode(password), role, displayName.strip(), organisationId, partnerCountry);
    }

    public boolean anyAccount() {
        return accounts.anyAccount();
    }
}
