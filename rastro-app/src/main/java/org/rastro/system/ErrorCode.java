package org.rastro.system;

/**
 * Categorised error codes. Each maps to one HTTP status and one problem type URI
 * ({@code https://rastro.example/problems/<slug>}); clients switch on the slug, never on message text.
 */
public enum ErrorCode {
    INVALID_INPUT(400, "invalid-input"),
    UNAUTHENTICATED(401, "unauthenticated"),
    /** The role may do this, but not here: the object is outside the account's jurisdiction. */
    OUT_OF_JURISDICTION(403, "out-of-jurisdiction"),
    /** The account read an unusual share of the registry and is blocked until an administrator lifts it. */
    ACCOUNT_BLOCKED(403, "account-blocked"),
    NOT_FOUND(404, "not-found"),
    CONFLICT(409, "conflict"),
    CUSTODY_RULE(409, "custody-rule"),
    IMPORT_REJECTED(422, "import-rejected");

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
