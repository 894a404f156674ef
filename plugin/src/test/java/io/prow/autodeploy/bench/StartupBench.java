package io.prow.autodeploy.bench;

import io.prow.autodeploy.cli.Main;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up to ready, two ways. In-process: build and start {@link PluginApp} (config, secrets, metrics with JVM
 * metrics, servers) until {@code /healthz/ready} answers 200; run first in the JVM, so its classes load cold as in a
 * new pod. As a process: {@code java ... Main} (the container's command, real GitHub adapter pointed at the sandbox)
 * from spawn until ready, JVM boot included.
 */
final class StartupBench {
    private static final Pattern HEALTH_PORT = Pattern.compile("health on :(\\d+)");

    static double inProcessMillis() throws Exception {
        BenchWorld world = new BenchWorld(1);
        long t0 = System.nanoTime();
        Metrics metrics = Metrics.fresh();
        PluginApp.installJvmMetrics(metrics);
        try (PluginApp app = world.app(world.gh, metrics, 0).start()) {
            awaitReady(app.healthPort());
            double millis = (System.nanoTime() - t0) / 1e6;
            BenchWorld.settle(app, world.clock);
            return millis;
        }
    }

    static double processMillis() throws Exception {
        BenchWorld world = new BenchWorld(1);
        try (SandboxServer sandbox = SandboxServer.start(world.gh, 0)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-cp", classPath(),
                    "-Dlogback.configurationFile=logback.xml", Main.class.getName(),
                    "--port=0", "--health-port=0", "--metrics-port=0", "--config-path=embedded",
                    "--hmac-secret-file=" + world.dir.resolve("hmac"),
                    "--github-token-path=" + world.dir.resolve("oauth"), "--github-endpoint=" + sandbox.url());
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                List<String> output = Collections.synchronizedList(new ArrayList<>());
                CompletableFuture<Integer> served = new CompletableFuture<>();
                // The plugin logs its health port once it serves; read for it rather than poll a guessed port.
                Thread reader = new Thread(() -> readOutput(p, output, served), "bench-plugin-output");
                reader.setDaemon(true);
                reader.start();
                int port = served.get(30, TimeUnit.SECONDS);
                if (port < 0) {
                    throw new IllegalStateException("the plugin process exited before serving:\n"
                            + String.join("\n", output));
                }
                awaitReady(port);
                return (System.nanoTime() - t0) / 1e6;
            } finally {
                p.destroy(); // SIGTERM: the plugin's graceful shutdown
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Surefire hands the forked JVM a manifest-only jar; the real class path is in this property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Completes {@code served} with the health port (or -1 at exit), and keeps draining so the child never blocks. */
    private static void readOutput(Process p, List<String> output, CompletableFuture<Integer> served) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                Matcher m = HEALTH_PORT.matcher(line);
                if (m.find()) {
                    served.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (java.io.IOException e) {
            // The child went away; whoever waits learns it below.
        }
        served.complete(-1);
    }

    private static void awaitReady(int healthPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/healthz/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        int status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("/healthz/ready answered " + status + " after the server started");
        }
    }
}
