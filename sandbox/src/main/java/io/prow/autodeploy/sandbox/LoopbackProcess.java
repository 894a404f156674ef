package io.prow.autodeploy.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real, throwaway server process on loopback (Alertmanager, Prometheus) with its files in a temp directory: the
 * start, the readiness wait, the log and the clean stop that {@link AlertmanagerProcess} and {@link PrometheusProcess}
 * share. Both expose {@code /-/ready}.
 */
final class LoopbackProcess implements AutoCloseable {
    private final String name;
    private final Path dir;
    private final Path logFile;
    private final Process process;
    private final URI base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LoopbackProcess(String name, Path dir, Path logFile, Process process, URI base) {
        this.name = name;
        this.dir = dir;
        this.logFile = logFile;
        this.process = process;
        this.base = base;
    }

    /**
     * Starts {@code command} (its output to {@code dir/<logName>}) and waits until {@code base/-/ready} answers 200.
     * Polling a real process for readiness is the one wait we accept. The pause between polls is
     * {@code process.waitFor}, so a process that dies (bad flag, port taken) fails at once with its log.
     */
    static LoopbackProcess start(String name, List<String> command, Path dir, String logName, int port,
                                 Duration readyDeadline, Duration poll) throws IOException {
        Path logFile = dir.resolve(logName);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        LoopbackProcess lp = new LoopbackProcess(name, dir, logFile, p, URI.create("http://127.0.0.1:" + port));
        lp.awaitReady(command, readyDeadline, poll);
        return lp;
    }

    /**
     * Where a server's binary is: {@code first} (Debian's path) if executable, else the first of {@code names} found
     * executable in the directories of {@code pathVariable}, in order (an empty entry is the current directory, as
     * for the shell).
     */
    static Optional<Path> executable(Path first, String pathVariable, String... names) {
        List<Path> candidates = new ArrayList<>(List.of(first));
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            for (String name : names) {
                candidates.add(Path.of(dir.isEmpty() ? "." : dir, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** A port free now; another process could take it before ours binds it: {@link #start} then fails with the log. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    URI base() {
        return base;
    }

    Process process() {
        return process;
    }

    /** SIGTERM, then SIGKILL if it lingers; waits either way so no process outlives the test. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is not worth failing a test over.
        }
    }

    String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitReady(List<String> command, Duration readyDeadline, Duration poll) {
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + readyDeadline.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // expected until the listener is up
                }
                if (process.waitFor(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                    String log = log();
                    close();
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was"
                            + " ready.\ncommand: " + String.join(" ", command) + "\nlog:\n" + log);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String log = log();
        close();
        throw new IllegalStateException(name + " not ready within " + readyDeadline + " at " + base
                + "/-/ready.\ncommand: " + String.join(" ", command) + "\nlog:\n" + log);
    }
}
