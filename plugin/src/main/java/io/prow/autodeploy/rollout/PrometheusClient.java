package io.prow.autodeploy.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One instant query against Prometheus' HTTP API ({@code GET /api/v1/query?query=…}; prometheus/prometheus
 * docs/querying/api.md): the answer is {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":
 * {labels…},"value":[<unix time>,"<value>"]}]}}}. Each series' {@code container}, {@code pod} and {@code image}
 * labels become a {@link RunningImages.Container}. Bounded: a deadline on the whole exchange, at most
 * {@link #MAX_BODY} bytes read and {@link #MAX_SERIES} series kept; anything else is a {@link PrometheusException}.
 */
public final class PrometheusClient {
    static final int MAX_BODY = 4 << 20;
    static final int MAX_SERIES = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    public PrometheusClient() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public PrometheusClient(HttpClient http) {
        this.http = http;
    }

    public RunningImages query(URI base, String query, Duration timeout) throws PrometheusException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        CompletableFuture<HttpResponse<InputStream>> call =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new PrometheusException("did not answer within " + timeout.toMillis() + "ms", e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new PrometheusException("interrupted", e);
        } catch (ExecutionException e) {
            throw new PrometheusException("unreachable: " + e.getCause().getClass().getSimpleName(), e.getCause());
        }
        byte[] body = readBounded(response.body(), deadline, timeout);
        if (response.statusCode() != 200) {
            throw new PrometheusException("answered HTTP " + response.statusCode());
        }
        return parse(body);
    }

    /** Reads at most {@link #MAX_BODY} bytes, on a worker so a body trickling in cannot outlive the deadline. */
    private static byte[] readBounded(InputStream in, long deadline, Duration timeout) throws PrometheusException {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (in) {
                byte[] b = in.readNBytes(MAX_BODY + 1);
                return b;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            byte[] b = read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (b.length > MAX_BODY) {
                throw new PrometheusException("answer larger than " + (MAX_BODY >> 20) + " MiB");
            }
            return b;
        } catch (TimeoutException e) {
            read.cancel(true);
            closeQuietly(in);
            throw new PrometheusException("did not answer within " + timeout.toMillis() + "ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(in);
            throw new PrometheusException("interrupted", e);
        } catch (ExecutionException e) {
            throw new PrometheusException("answer cut off: " + e.getCause().getClass().getSimpleName(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the exchange is abandoned anyway
        }
    }

    static RunningImages parse(byte[] body) throws PrometheusException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new PrometheusException("sent something that is not JSON", e);
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            throw new PrometheusException("answered status " + (root == null ? "none"
                    : root.path("status").asText("none")));
        }
        JsonNode data = root.path("data");
        if (!"vector".equals(data.path("resultType").asText()) || !data.path("result").isArray()) {
            throw new PrometheusException("answered resultType '" + data.path("resultType").asText("none")
                    + "', not a vector");
        }
        JsonNode result = data.path("result");
        if (result.size() > MAX_SERIES) {
            throw new PrometheusException("answered " + result.size() + " series (more than " + MAX_SERIES + ")");
        }
        List<RunningImages.Container> series = new ArrayList<>();
        for (JsonNode s : result) {
            JsonNode m = s.path("metric");
            String container = m.path("container").asText("");
            String image = m.path("image").asText("");
            if (container.isEmpty() || image.isEmpty()) {
                throw new PrometheusException("answered a series without container or image labels");
            }
            series.add(new RunningImages.Container(m.path("pod").asText(""), container, image));
        }
        return new RunningImages(series);
    }
}
