package org.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;

/** A redirect never sends a browser to the host a request claimed to be for. */
class HostHeaderTest extends IntegrationTest {

    /** The raw answer to a GET with a forged Host header (the JDK's HTTP client will not send one). */
    private String get(String path, String host) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void redirectsDoNotCopyTheRequestsHostHeader() throws Exception {
        for (String path : new String[] {"/registry/search", "/", "/tracing"}) {
            String answer = get(path, "evil.example");
            String location = answer.lines()
                    .filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no redirect for " + path + ": " + answer));
            assertThat(location).as(path).doesNotContain("evil.example");
        }
    }
}
