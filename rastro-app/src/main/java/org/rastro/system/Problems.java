package org.rastro.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of RFC 9457 problem responses: every refusal Rastro answers, from a controller
 * ({@link ProblemHandler}) or from a security filter before any controller runs, carries the type
 * {@code https://rastro.example/problems/<slug>}, the HTTP status and the {@code code} of its
 * {@link ErrorCode}, so clients switch on the code and never on the words.
 *
 * <p>Thread-safe: stateless.
 */
public final class Problems {

    static final String TYPE_BASE = "https://rastro.example/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** A problem for a controller to answer; {@code details} become extra members. */
    static ProblemDetail of(ErrorCode code, String detail, Map<String, Object> details, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()), detail);
        problem.setType(URI.create(TYPE_BASE + code.slug()));
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("code", code.name());
        details.forEach(problem::setProperty);
        return problem;
    }

    /**
     * Writes a problem straight to the response, for filters that answer before the controllers (a
     * bad token, a blocked account, a missing legal purpose, a role that may not do this).
     */
    public static void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.status());
        if (code == ErrorCode.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"rastro\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code.slug());
        body.put("title", HttpStatus.valueOf(code.status()).getReasonPhrase());
        body.put("status", code.status());
        body.put("detail", detail);
        body.put("code", code.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
