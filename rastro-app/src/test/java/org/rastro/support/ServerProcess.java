package org.rastro.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server ({@code java -jar rastro-exec.jar …}) as a process of its own, with its output in a log
 * file: started, awaited, asked over HTTP as a client would, stopped or killed. For the tests that need whole
 * Rastro processes (a crash, a log and its witnesses).
 */
public final class ServerProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code java -jar rastro-exec.jar args…}, its output appended to {@code log}. */
    public static ServerProcess start(Path log, int port, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("rastro.exec-jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServerProcess(process, log, port);
    }

    /** The demo on {@code port} in {@code dataDir} with 500 weapons, sign-ins as the suite makes them. */
    public static ServerProcess demo(Path dataDir, int port, Path log, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "demo",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.toString(),
                "--weapons",
                "500",
                // sign-ins with the second factor as the suite makes them (see support.Otp)
                "--rastro.security.totp-window=" + Otp.WINDOW));
        args.addAll(List.of(more));
        return start(log, port, args.toArray(String[]::new));
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Process process() {
        return process;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The last 40 lines of the process's output, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits for a condition, checking that the process is still alive between tries. */
    public void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the output ends with:\n" + tail());
            }
            if (process.waitFor(250, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the process exited (" + process.exitValue() + ") while waiting for " + what
                        + "; its output ends with:\n" + tail());
            }
        }
    }

    /** Readiness turns UP only after the start-up work (demo loading, accounts) is done. */
    public boolean ready() {
        var r = send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
                .build());
        return r != null && r.statusCode() == 200 && r.body().contains("UP");
    }

    /** Sends a request; null when the server cannot be reached. */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** GET with a bearer token (or none). */
    public HttpResponse<String> get(String path, String token) {
        var request = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** An API token for a demo account, signing in with its password and second factor from the credentials. */
    public String token(Path dataDir, String user) throws IOException {
        String password = Files.readAllLines(dataDir.resolve("demo-credentials.txt")).stream()
                .filter(l -> l.startsWith(user + "\t"))
                .map(l -> l.split("\t")[2])
                .findFirst()
                .orElseThrow();
        var r = send(HttpRequest.newBuilder(URI.create(url("/api/v1/auth/token")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "username",
                        user,
                        "password",
                        password,
                        "code",
                        Otp.next(user + "@" + port, Otp.secret(dataDir.resolve("demo-credentials.txt"), user))))))
                .build());
        return JSON.readTree(r.body()).path("accessToken").asString();
    }

    /** Stops the process as an operator would (SIGTERM: the server shuts down and stops its database). */
    public void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }

    /** kill -9 of the process and everything it started. */
    public void kill() throws Exception {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
