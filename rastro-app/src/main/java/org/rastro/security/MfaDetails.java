package org.rastro.security;

import java.io.Serializable;

/**
 * What a sign-in carries besides the username and password: the authenticator app's code, the token of
 * the device it comes from (if it has one) and its source address. The sign-in form and the token
 * endpoint both put them here, so one check ({@link LoginGuard}) serves both.
 */
record MfaDetails(String code, String deviceToken, String address) implements Serializable {

    @Override
    public String toString() {
        // A code and a device token are credentials: never in a log line.
        return "MfaDetails[code=" + (code == null ? "none" : "given") + ", device="
                + (deviceToken == null ? "none" : "given") + ", address=" + address + "]";
    }
}
