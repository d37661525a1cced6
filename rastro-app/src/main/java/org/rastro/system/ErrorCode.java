package org.rastro.system;

/**
 * Categorised error codes. Each maps to one HTTP status and one problem type URI
 * ({@code https://rastro.example/problems/<slug>}); clients switch on the slug, never on message text.
 */
public enum ErrorCode {
    INVALID_INPUT(400, "invalid-input"),
    UNAUTHENTICATED(401, "unauthenticated"),
    /** The account's role may not do this at all. */
    FORBIDDEN(403, "forbidden"),
    /** The role may do this, but not here: the object is outside the account's jurisdiction. */
    OUT_OF_JURISDICTION(403, "out-of-jurisdiction"),
    /** The account read an unusual share of the registry and is blocked until an administrator lifts it. */
    ACCOUNT_BLOCKED(403, "account-blocked"),
    /** A bulk read or export that needs a second person's approval first (see /exports). */
    APPROVAL_REQUIRED(403, "approval-required"),
    NOT_FOUND(404, "not-found"),
    CONFLICT(409, "conflict"),
    CUSTODY_RULE(409, "custody-rule"),
    /** The request's body is larger than its kind of request may send (rastro.limits). */
    PAYLOAD_TOO_LARGE(413, "payload-too-large"),
    IMPORT_REJECTED(422, "import-rejected"),
    /** An investigator's read of personal data needs a stated legal purpose (the Rastro-Purpose header). */
    PURPOSE_REQUIRED(428, "purpose-required"),
    /** A fault of ours: the answer carries a reference to quote, nothing internal. */
    INTERNAL(500, "internal"),
    /** The work took longer than its kind of work may (rastro.limits.statement-timeout), or its client left. */
    TOO_SLOW(503, "too-slow");

    private final int status;
    private final String slug;

    ErrorCode(int status, String slug) {
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
