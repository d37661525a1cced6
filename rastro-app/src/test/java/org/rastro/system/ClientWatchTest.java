package org.rastro.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.rastro.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A request whose client leaves while its query waits has that query cancelled within seconds, not at the
 * statement timeout (60 s); a client that stays gets its answer. The query is made to wait by holding a lock
 * on the table it reads, from the test's own connection.
 */
class ClientWatchTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theKernelsTableIsReadAsItIsWritten() throws Exception {
        // 127.0.0.1:8080 ← 127.0.0.1:50000, CLOSE_WAIT; and the same client over IPv6 (IPv4-mapped).
        ClientWatch.Ends v4 = ClientWatch.parse(
                "   3: 0100007F:1F90 0100007F:C350 08 00000000:00000000 00:00000000 00000000     0        0 1", "08");
        assertThat(v4).isEqualTo(new ClientWatch.Ends(InetAddress.getByName("127.0.0.1"), 50000, 8080));
        ClientWatch.Ends v6 = ClientWatch.parse(
                "  0: 00000000000000000000000000000000:1F90 0000000000000000FFFF00000100007F:C350 08 0:0 0:0 0 0 0 1",
                "08");
        assertThat(v6).isEqualTo(v4);
        ClientWatch.Ends loopback6 = ClientWatch.parse(
                "  0: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:C351 08 0:0 0:0 0 0 0 1",
                "08");
        assertThat(loopback6.remote()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(ClientWatch.parse(
                        "   3: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 1",
                        "08"))
                .as("an established connection is not a closed one")
                .isNull();
        assertThat(ClientWatch.parse("  sl  local_address rem_address   st tx_queue", "08"))
                .isNull();
    }

    private long waitingOnTheLock() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                 where wait_event_type = 'Lock' and query like '%from export_request%' and pid <> pg_backend_pid()
                """).query(Long.class).single();
    }

    private Socket ask(String token) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/exports HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void aQueryIsCancelledWhenItsClientLeavesAndNotWhileItStays() throws Exception {
        String token = api().token("auditor");
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table export_request in access exclusive mode");
            try {
                // A client that leaves: its query stops within seconds.
                Socket leaving = ask(token);
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheLock() == 1);
                leaving.close();
                await().atMost(Duration.ofSeconds(8)).until(() -> waitingOnTheLock() == 0);

                // A client that stays: its query waits on, past the watch's two seconds.
                Socket staying = ask(token);
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheLock() == 1);
                await().during(Duration.ofSeconds(4))
                        .atMost(Duration.ofSeconds(6))
                        .until(() -> waitingOnTheLock() == 1);

                // A query stopped from outside (an administrator's pg_cancel_backend): a 503 that says so.
                Socket stopped = ask(token);
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheLock() == 2);
                jdbc.sql("select pg_cancel_backend(pid) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like '%from export_request%' and pid <> pg_backend_pid()"
                                + " order by query_start desc limit 1")
                        .query(Boolean.class)
                        .single();
                stopped.setSoTimeout(10_000);
                try (stopped;
                        InputStream in = stopped.getInputStream()) {
                    String answer = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    assertThat(answer).startsWith("HTTP/1.1 503").contains("too-slow");
                }
                assertThat(waitingOnTheLock())
                        .as("the staying client's query waits on")
                        .isOne();
                lock.rollback();
                staying.setSoTimeout(10_000);
                try (staying;
                        InputStream in = staying.getInputStream()) {
                    String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                    assertThat(head).isEqualTo("HTTP/1.1 200");
                }
            } finally {
                lock.rollback();
            }
        }
    }
}
