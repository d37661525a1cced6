package org.rastro.security;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A user account as the security layer sees it. The password hash never leaves this package
 * except through {@link #getPassword()}, which Spring Security's authentication provider reads.
 *
 * @param organisationId the organisation whose tree this account works in; null is national scope
 * @param partnerCountry a foreign partner's country (ISO 3166-1 alpha-2); null for everyone else
 * @param service a machine account: calls with API keys, never signs in, every call audited
 * @param timeZone where the reader's times are shown (America/Mexico_City unless the account says otherwise)
 */
public record Account(
        long id,
        String username,
        String passwordHash,
        Role role,
        String displayName,
        Long organisationId,
        String partnerCountry,
        String language,
        boolean enabled,
        boolean service,
        ZoneId timeZone)
        implements UserDetails {

    /** Mexico's centre: the zone of any reader whose account does not name another. */
    public static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");

    public Account {
        requireNonNull(username, "username is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(role, "role is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(language, "language is null");
        timeZone = timeZone == null ? MEXICO_CITY : timeZone;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + username + ", " + role + "]";
    }
}
