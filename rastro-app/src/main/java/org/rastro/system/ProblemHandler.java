package org.rastro.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps errors of the REST API to RFC 9457 problem responses. Bad input is always a 4xx that
 * names what was wrong; only a fault of ours becomes a 500, and then without internals.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private static final TextBundle SYSTEM_TEXTS = TextBundle.of("system");

    private final RastroProperties.Limits limits;

    ProblemHandler(RastroProperties properties) {
        this.limits = properties.limits();
    }

    @ExceptionHandler(RastroException.class)
    ResponseEntity<ProblemDetail> rastro(RastroException e, HttpServletRequest request) {
        return problem(e.code(), e.text().in(Text.forApi(request)), e.details(), request);
    }

    @ExceptionHandler({
        HttpMessageNotReadableException.class,
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        HttpMediaTypeNotSupportedException.class
    })
    ResponseEntity<ProblemDetail> unreadable(Exception e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> tooLarge = tooLarge(e, request);
        if (tooLarge != null) {
            return tooLarge;
        }
        String message = switch (e) {
            case MethodArgumentTypeMismatchException m ->
                "parameter '" + m.getName() + "' has an invalid value: " + m.getValue();
            case MissingServletRequestParameterException m -> "parameter '" + m.getParameterName() + "' is required";
            case HttpMediaTypeNotSupportedException m ->
                "content type " + m.getContentType() + " is not supported here";
            default -> "the request body could not be read: it must be valid JSON of the documented shape";
        };
        return problem(ErrorCode.INVALID_INPUT, message, Map.of(), request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        return problem(ErrorCode.INVALID_INPUT, "the request has invalid fields", Map.of("errors", errors), request);
    }

    /**
     * A value the database refused to store or compare — text with a NUL, a reference to something that
     * does not exist — that no check before it caught: the request was bad, so a 400, but logged with a
     * reference, because a check should have caught it first.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> unstorable(DataIntegrityViolationException e, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        log.warn(
                "Unchecked bad value {} on {} {}: {}",
                reference,
                request.getMethod(),
                request.getRequestURI(),
                e.getMostSpecificCause().getMessage());
        return problem(
                ErrorCode.INVALID_INPUT,
                "a value of the request cannot be stored: it is malformed or names something that does not exist"
                        + " (reference " + reference + ")",
                Map.of("reference", reference),
                request);
    }

    /** A fault of ours: logged with a reference the caller can quote, nothing internal in the answer. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
        // Spring's own 4xx exceptions and security decisions keep their own handling.
        if (e instanceof ErrorResponse || e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e;
        }
        // A body read past its limit surfaces wrapped by whatever was reading it (JSON, CSV, an upload).
        ResponseEntity<ProblemDetail> tooLarge = tooLarge(e, request);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResponseEntity<ProblemDetail> stopped = stopped(e, request);
        if (stopped != null) {
            return stopped;
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error {} on {} {}", reference, request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.status(ErrorCode.INTERNAL.status())
                .body(Problems.of(
                        ErrorCode.INTERNAL,
                        "an internal error occurred; quote reference " + reference + " to the administrator",
                        Map.of("reference", reference),
                        null));
    }

    /**
     * A query PostgreSQL stopped (SQLSTATE 57014): at the statement timeout, or cancelled because its client left
     * ({@link ClientWatch}). Neither is a fault to page anyone about: a 503 that says which.
     */
    private ResponseEntity<ProblemDetail> stopped(Exception e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                boolean timeout = String.valueOf(sql.getMessage()).contains("statement timeout");
                log.info(
                        "{} {} stopped: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        timeout ? "statement timeout" : "cancelled (its client left, or an administrator)");
                Text text = timeout
                        ? SYSTEM_TEXTS.text(
                                "query.tooSlow", limits.statementTimeout().toSeconds())
                        : SYSTEM_TEXTS.text("query.clientLeft");
                return problem(ErrorCode.TOO_SLOW, text.in(Text.forApi(request)), Map.of(), request);
            }
        }
        return null;
    }

    /**
     * The 413 for a body read past its limit, which surfaces wrapped by whatever was reading it (JSON,
     * CSV, an upload); null when {@code e} is not one.
     */
    private static ResponseEntity<ProblemDetail> tooLarge(Exception e, HttpServletRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
        return tooLarge == null ? null : problem(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), Map.of(), request);
    }

    static ResponseEntity<ProblemDetail> problem(
            ErrorCode code, String message, Map<String, Object> details, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(code, message, details, request.getRequestURI());
        if (code.status() >= 500) {
            log.error("{} on {}: {}", code, request.getRequestURI(), message);
        }
        return ResponseEntity.status(code.status()).body(problem);
    }
}
