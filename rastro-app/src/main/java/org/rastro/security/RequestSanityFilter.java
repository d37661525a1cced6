package org.rastro.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.rastro.system.ErrorCode;
import org.rastro.system.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads it, a query string that is not UTF-8 text or that carries a NUL
 * character (which PostgreSQL cannot store or compare): a 400 problem, not a fault deep in a query,
 * and recorded in the audit trail as a refusal (with the bad characters escaped).
 *
 * <p>Thread-safe: stateless.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSanityFilter extends OncePerRequestFilter {

    private final AuditTrail audit;

    RequestSanityFilter(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !isCleanText(query)) {
            Problems.write(
                    response,
                    ErrorCode.INVALID_INPUT,
                    "the query string must be UTF-8 text without NUL characters"
                            + " / la consulta debe ser texto UTF-8 sin caracteres NUL");
            audit.recordRefusal(request, HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the percent-decoded query is valid UTF-8 with no NUL (a malformed escape is not). */
    static boolean isCleanText(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int high = Character.digit(query.charAt(i + 1), 16);
                int low = Character.digit(query.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7F) {
                return false;
            } else {
                bytes.write(c);
            }
        }
        byte[] raw = bytes.toByteArray();
        for (byte b : raw) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
