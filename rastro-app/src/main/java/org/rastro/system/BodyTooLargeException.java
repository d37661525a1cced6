package org.rastro.system;

import java.io.IOException;

/**
 * A request body read past the limit of its kind ({@link RastroProperties.Limits}). An
 * {@link IOException}, so that every reader of the body (JSON, CSV, an upload) stops and lets it
 * through; {@link ProblemHandler} answers it with 413 wherever it surfaces.
 */
public final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("the request body is larger than the " + limit + " bytes this request may send");
    }

    /** The one in the causes of {@code e}, if any. */
    public static BodyTooLargeException in(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
