package io.prow.autodeploy.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.prow.autodeploy.text.Clip;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks Alertmanager's API v2 which alerts matching the configured matchers are firing right now.
 * One bounded call per question; every way of not getting a trustworthy answer becomes an
 * {@link AlertmanagerException}, which {@link AlertSource} turns into {@code UNKNOWN} (fail closed).
 */
public final class AlertmanagerClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient http;

    public AlertmanagerClient() {
        this(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)) // outer bound only; the per-call deadline is tighter
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    public AlertmanagerClient(HttpClient http) {
        this.http = http;
    }

    /** Active, unsilenced, uninhibited alerts matching all {@code matchers}, in Alertmanager's order. */
    public List<AlertState.FiringAlert> firing(URI base, List<String> matchers, Duration timeout)
            throws AlertmanagerException {
        URI uri = alertsUri(base, matchers);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        // HttpRequest.timeout only covers the wait for response headers; the deadline on the future bounds the
        // whole exchange (connect, headers and body), so a server that trickles its answer cannot hold a
        // deploy decision longer than the configured timeout. cancel(true) aborts the exchange.
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AlertmanagerException("Alertmanager at " + base + " did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new AlertmanagerException("interrupted while asking Alertmanager at " + base, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
            String what = cause instanceof java.net.http.HttpTimeoutException
                    ? "did not answer within " + timeout : "cannot be reached: " + cause;
            throw new AlertmanagerException("Alertmanager at " + base + " " + what, cause);
        }
        if (response.statusCode() != 200) {
            throw new AlertmanagerException("Alertmanager at " + base + " answered HTTP " + response.statusCode()
                    + " to GET " + uri.getRawPath() + ": " + snippet(response.body()));
        }
        return parse(base, response.body());
    }

    /** {@code {base}/api/v2/alerts?active=true&...&filter=m1&filter=m2}, each matcher percent-encoded. */
    static URI alertsUri(URI base, List<String> matchers) {
        String root = base.toString().replaceAll("/+$", "");
        StringBuilder sb = new StringBuilder(root)
                .append("/api/v2/alerts?active=true&silenced=false&inhibited=false&unprocessed=false");
        for (String m : matchers) {
            // URLEncoder writes a space as '+', which Go's query parser reads back as a space.
            sb.append("&filter=").append(URLEncoder.encode(m, StandardCharsets.UTF_8));
        }
        return URI.create(sb.toString());
    }

    static List<AlertState.FiringAlert> parse(URI base, String body) throws AlertmanagerException {
        GettableAlert[] alerts;
        try {
            alerts = JSON.readValue(body, GettableAlert[].class);
        } catch (JsonProcessingException e) {
            throw new AlertmanagerException("Alertmanager at " + base + " sent malformed JSON ("
                    + e.getOriginalMessage() + "): " + snippet(body), e);
        }
        if (alerts == null) {
            throw new AlertmanagerException("Alertmanager at " + base + " sent null instead of a list of alerts");
        }
        List<AlertState.FiringAlert> firing = new ArrayList<>();
        for (GettableAlert a : alerts) {
            if (a == null || a.startsAt() == null || a.fingerprint() == null || a.status() == null) {
                throw new AlertmanagerException("Alertmanager at " + base
                        + " sent an alert without startsAt, fingerprint or status: " + snippet(body));
            }
            // The query already asks for active only; checking again keeps a proxy or an older server honest.
            if ("active".equals(a.status().state())) {
                firing.add(new AlertState.FiringAlert(a.name(), a.startsAt(), a.fingerprint()));
            }
        }
        return List.copyOf(firing);
    }

    private static String snippet(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return Clip.withEllipsis(oneLine, 201);
    }

    /** The fields we use of API v2's {@code gettableAlert}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GettableAlert(Map<String, String> labels, Instant startsAt, String fingerprint, AlertStatus status) {
        String name() {
            String n = labels == null ? null : labels.get("alertname");
            // Alertmanager does not require an alertname; the fingerprint still lets a person find the alert.
            return n == null || n.isBlank() ? "(unnamed " + fingerprint + ")" : n;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AlertStatus(String state) {}
}
