package org.rastro.system;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The one unchecked exception root of Rastro. The message names the value at fault; the code
 * decides the HTTP status. {@link ProblemHandler} turns it into an RFC 9457 problem response.
 */
public class RastroException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;
    private final Text text;

    public RastroException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public RastroException(ErrorCode code, String message, Map<String, Object> details) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
        this.details = Map.copyOf(details);
        this.text = null;
    }

    /** A refusal worded in both languages; the message (for logs) is the English one. */
    public RastroException(ErrorCode code, Text text) {
        this(code, text, Map.of());
    }

    /** A refusal worded in both languages, with details for the client (e.g. every bad entry). */
    public RastroException(ErrorCode code, Text text, Map<String, Object> details) {
        super(requireNonNull(text, "text is null").en());
        this.code = requireNonNull(code, "code is null");
        this.details = Map.copyOf(details);
        this.text = text;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** What went wrong, for the reader: in both languages when it was worded so, else the message in both. */
    public Text text() {
        return text != null ? text : Text.same(getMessage());
    }

    public static RastroException notFound(String what, Object key) {
        return new RastroException(ErrorCode.NOT_FOUND, what + " '" + key + "' does not exist");
    }

    public static RastroException invalid(String message) {
        return new RastroException(ErrorCode.INVALID_INPUT, message);
    }
}
