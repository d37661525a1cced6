package org.rastro.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.rastro.system.ErrorCode;
import org.rastro.system.Problems;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>}: a session token from
 * {@code /api/v1/auth/token}, or a service account's API key ({@link ServiceKeys}). A request with a
 * bad token is refused here with 401 rather than continuing as anonymous, so a client learns at
 * once that its token expired or was revoked.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final TokenService tokens;
    private final ServiceKeys keys;

    BearerTokenFilter(TokenService tokens, ServiceKeys keys) {
        this.tokens = tokens;
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(PREFIX.length()).strip();
        // A service account's API key, or a signed-in person's session token.
        Optional<Account> account =
                ServiceKeys.looksLikeKey(token) ? keys.resolve(token, request.getRemoteAddr()) : tokens.resolve(token);
        if (account.isEmpty()) {
            Problems.write(
                    response,
                    ErrorCode.UNAUTHENTICATED,
                    "the bearer token or API key is invalid, expired, revoked or not allowed from this address");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                account.get(), null, account.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
