package org.rastro.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthController {

    private final AuthenticationManager authentication;
    private final TokenService tokens;
    private final AccountRepository accounts;
    private final SetupService setup;
    private final ReadGuard reads;
    private final AccountService accountService;
    private final KnownDevices devices;

    AuthController(
            AuthenticationManager authentication,
            TokenService tokens,
            AccountRepository accounts,
            SetupService setup,
            ReadGuard reads,
            AccountService accountService,
            KnownDevices devices) {
        this.devices = devices;
        this.reads = reads;
        this.accountService = accountService;
        this.authentication = authentication;
        this.tokens = tokens;
        this.accounts = accounts;
        this.setup = setup;
    }

    /** {@code code}: the authenticator app's six digits, for the roles that sign in with a second factor. */
    /**
     * {@code code}: the authenticator app's six digits, for the roles that sign in with a second factor;
     * {@code deviceToken}: the one a previous answer gave this client, which lets its owner in while
     * strangers' failed attempts keep the account locked.
     */
    record TokenRequest(
            @NotBlank @Size(max = 40) String username,
            @NotBlank @Size(max = 200) String password,
            @Size(max = 10) String code,
            @Size(max = 64) String deviceToken) {}

    /** {@code deviceToken} is given when the request carried no known one: keep it and send it next time. */
    record TokenResponse(
            String accessToken, String tokenType, Instant expiresAt, String username, Role role, String deviceToken) {}

    @PostMapping("/api/v1/auth/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        Object principal;
        try {
            var attempt = UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password());
            attempt.setDetails(new MfaDetails(request.code(), request.deviceToken(), http.getRemoteAddr()));
            principal = authentication.authenticate(attempt).getPrincipal();
        } catch (AuthenticationException e) {
            // One answer for an unknown user, a wrong password and a disabled account.
            throw new RastroException(ErrorCode.UNAUTHENTICATED, "invalid username or password");
        }
        if (!(principal instanceof Account account)) {
            throw new IllegalStateException("the authentication manager answered without an account");
        }
        TokenService.IssuedToken issued = tokens.issue(account);
        String device =
                devices.known(account.username(), request.deviceToken()) ? null : devices.remember(account.id());
        return new TokenResponse(
                issued.token(), "Bearer", issued.expiresAt(), account.username(), account.role(), device);
    }

    record Revoked(boolean revoked) {}

    @PostMapping("/api/v1/auth/revoke")
    Revoked revoke(@RequestHeader("Authorization") String authorization) {
        return new Revoked(
                tokens.revoke(authorization.substring("Bearer ".length()).strip()));
    }

    record Me(String username, Role role, String displayName, Long organisationId, String language) {}

    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal Account account) {
        return new Me(
                account.username(),
                account.role(),
                account.displayName(),
                account.organisationId(),
                account.language());
    }

    @GetMapping("/api/v1/admin/accounts")
    List<AccountRepository.AccountSummary> accounts() {
        return accounts.list();
    }

    record Enrolled(String username, String otpauthUri) {}

    /** A new second-factor secret for an account (a lost phone): shown once, to the administrator who asked. */
    @PostMapping("/api/v1/admin/accounts/{username}/totp")
    Enrolled enrol(@PathVariable String username) {
        return new Enrolled(username, accountService.enrolTotp(username));
    }

    record Unblocked(String username, boolean blocked) {}

    /** Lifts an exfiltration block after review: the account signs in again, with a fresh read tally. */
    @PostMapping("/api/v1/admin/accounts/{username}/unblock")
    Unblocked unblock(@PathVariable String username, @AuthenticationPrincipal Account admin) {
        reads.lift(username, admin.id());
        return new Unblocked(username, false);
    }

    record AdministratorRequest(String setupToken, String username, String password, String displayName) {}

    record Created(String username, Role role) {}

    @PostMapping("/api/v1/setup/administrator")
    Created createAdministrator(@RequestBody AdministratorRequest request) {
        setup.createAdministrator(request.setupToken(), request.username(), request.password(), request.displayName());
        return new Created(request.username(), Role.ADMINISTRATOR);
    }
}
