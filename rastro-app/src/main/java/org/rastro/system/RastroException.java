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

    public RastroException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public RastroException(ErrorCode code, String message, Map<String, Object> details) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static RastroException notFound(String what, Object key) {
        return new RastroException(ErrorCode.NOT_FOUND, what + " '" + key + "' does not exist");
    }

    public static RastroException invalid(String message) {
        return new RastroException(ErrorCode.INVALID_INPUT, message);
    }
}
