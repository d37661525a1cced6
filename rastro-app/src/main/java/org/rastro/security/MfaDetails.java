package org.rastro.security;

import java.io.Serializable;

/**
 * What a sign-in carries besides the username and password: the authenticator app's code. The sign-in form
 * and the token endpoint both put it here, so one check ({@link LoginGuard}) serves both.
 */
record MfaDetails(String code) implements Serializable {

    @Override
    public String toString() {
        // A code is a credential, however short-lived: never in a log line.
        return "MfaDetails[code=" + (code == null ? "none" : "given") + "]";
    }
}
