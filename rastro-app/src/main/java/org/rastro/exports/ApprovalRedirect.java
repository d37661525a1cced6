package org.rastro.exports;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a download that needs a second person's approval and has none: 303 to this site's exports page,
 * where the request is asked for with exactly these parameters (and, for a bulk export, how many rows).
 */
public final class ApprovalRedirect {

    private ApprovalRedirect() {}

    public static void send(HttpServletResponse response, ExportApprovals.Kind kind, String parameters, Long rows) {
        response.setStatus(303);
        // A fixed relative path of this site; the values only URL-encoded: nothing of the request chooses where
        // the browser goes.
        response.setHeader(
                "Location",
                "/exports?kind=" + kind.name() + (rows == null ? "" : "&rows=" + rows) + "&parameters="
                        + URLEncoder.encode(parameters, StandardCharsets.UTF_8));
    }
}
