package io.prow.autodeploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A loopback proxy in front of the sandbox GitHub: every request the plugin's real adapter makes passes here, so it
 * is counted (method, path, status, 304), stamped on arrival (event → write latency) and tagged with the purpose the
 * replay is driving now. It also plays GitHub's bad days: a share of requests answered 502, an outage (503), a
 * secondary rate limit (403 with Retry-After). The plugin cannot tell it from GitHub: it only changes the endpoint.
 */
final class GitHubProxy implements AutoCloseable {
    /** Why a request was made. The replay sets the phase; history and recovery are told apart by path. */
    enum Purpose { STARTUP, DECISION, COMMAND, SWEEP, WAKEUP, ALERT, HISTORY, RECOVERY }

    /**
     * One request as it reached the proxy. {@code answeredNanos}: when its answer was ready to be written back (for
     * a forwarded request, when the sandbox had answered). {@code injected}: the proxy answered it with one of the
     * week's faults (a 502, the outage's 503, the secondary rate limit's 403) and GitHub never saw it.
     */
    record Request(long arrivedNanos, String method, String template, int status, Purpose purpose,
                   boolean injected, long answeredNanos) {
        boolean notModified() {
            return status == 304;
        }

        boolean write() {
            return !"GET".equals(method) && !"HEAD".equals(method);
        }

        /**
         * Charged to the primary rate limit: everything but a 304 to a conditional request. GitHub: "Making a
         * conditional request does not count against your primary rate limit if a 304 response is returned"
         * (docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api, "Use conditional
         * requests if appropriate"). Failed requests are counted as charged (the conservative reading).
         */
        boolean charged() {
            return !notModified();
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date", "from", "via",
            "warning");
    private static final Pattern SHA = Pattern.compile("/[0-9a-f]{40}(?=/|$)");
    private static final Pattern NUMBER = Pattern.compile("/[0-9]+(?=/|$)");

    static {
        // The JDK server writes headers and body apart: with Nagle's algorithm and delayed ACKs every answer would
        // wait ~40 ms. Read once, when the JDK server's config class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "bench-github-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private final Random rng;
    private final List<Request> log = new ArrayList<>();
    private volatile Purpose phase = Purpose.STARTUP;
    private volatile double failShare;
    private volatile boolean outage;
    private volatile int secondaryLimitSeconds;

    GitHubProxy(String target, long seed) throws IOException {
        this.target = target.replaceAll("/+$", "");
        this.rng = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void phase(Purpose p) {
        phase = p;
    }

    void failShare(double share) {
        failShare = share;
    }

    void outage(boolean on) {
        outage = on;
    }

    /** The next request is refused as a secondary rate limit, asking to retry after {@code seconds}. */
    void secondaryRateLimitNext(int seconds) {
        secondaryLimitSeconds = seconds;
    }

    synchronized int size() {
        return log.size();
    }

    synchronized List<Request> since(int from) {
        return List.copyOf(log.subList(from, log.size()));
    }

    private void handle(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        // Recorded before the answer is written, so a settled replay never misses a request it caused.
        Purpose purpose = purpose(method, uri);
        try {
            int fault = fault();
            if (fault != 0) {
                record(new Request(arrived, method, template(uri), fault, purpose, true, arrived));
                refuse(ex, fault);
                return;
            }
            HttpResponse<byte[]> r = forward(ex, method, uri, body);
            record(new Request(arrived, method, template(uri), r.statusCode(), purpose, false, System.nanoTime()));
            answer(ex, r);
        } catch (IOException | InterruptedException | RuntimeException e) {
            record(new Request(arrived, method, template(uri), 0, purpose, false, System.nanoTime()));
            refuse(ex, 502);
        } finally {
            ex.close();
        }
    }

    private synchronized int fault() {
        if (outage) {
            return 503;
        }
        if (secondaryLimitSeconds > 0) {
            return 403;
        }
        return rng.nextDouble() < failShare ? 502 : 0;
    }

    private void refuse(HttpExchange ex, int status) throws IOException {
        String message = switch (status) {
            case 403 -> "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
            case 503 -> "Service Unavailable";
            default -> "Bad Gateway";
        };
        if (status == 403) {
            ex.getResponseHeaders().add("Retry-After", Integer.toString(secondaryLimitSeconds));
            secondaryLimitSeconds = 0;
        }
        byte[] out = ("{\"message\":\"" + message + "\",\"documentation_url\":"
                + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange ex, String method, URI uri, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + uri.toString()))
                .timeout(Duration.ofSeconds(15))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void answer(HttpExchange ex, HttpResponse<byte[]> r) throws IOException {
        r.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(n) && !n.equals(":status") && !n.equals("date")) {
                values.forEach(v -> ex.getResponseHeaders().add(name, v));
            }
        });
        byte[] out = r.body();
        boolean empty = out.length == 0 || r.statusCode() == 304 || r.statusCode() == 204;
        ex.sendResponseHeaders(r.statusCode(), empty ? -1 : out.length);
        if (!empty) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        }
    }

    private synchronized void record(Request r) {
        log.add(r);
    }

    /** The driver's phase, refined by path: closed-PR listings are deploy history; comments read in a sweep are
     * command recovery (replies and markers looked for without an event). */
    private Purpose purpose(String method, URI uri) {
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if ("GET".equals(method) && uri.getPath().endsWith("/pulls") && (q.contains("state=closed")
                || q.contains("state=all"))) {
            return Purpose.HISTORY;
        }
        Purpose p = phase;
        if (p == Purpose.SWEEP && "GET".equals(method) && uri.getPath().endsWith("/comments")) {
            return Purpose.RECOVERY;
        }
        return p;
    }

    /** A low-cardinality name: numbers and SHAs replaced, the PR listing's state kept. */
    static String template(URI uri) {
        String p = NUMBER.matcher(SHA.matcher(uri.getPath()).replaceAll("/{sha}")).replaceAll("/{n}");
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String state : List.of("open", "closed", "all")) {
            if (q.contains("state=" + state)) {
                return p + "?state=" + state;
            }
        }
        return p;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
