package io.prow.autodeploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * The few endpoints kohsuke's typed API cannot reach without extra requests or reaches wrongly (combined status,
 * membership and permission probes, the single-ref lookup, git commits, comment edits, and label removal, where
 * kohsuke does not percent-encode a '/' in the label name). They go through the same OkHttp client, so they share the
 * cache, the timeouts and the request listener, and through kohsuke's authorization provider, so App tokens are
 * refreshed the same way.
 */
final class RawRequests {
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The status and parsed body (a missing node when empty) of one answer. */
    record Answer(int status, JsonNode body, Headers headers) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final OkHttpClient http;
    private final OkHttpClient noRedirects;
    private final HttpUrl base;
    private final AuthorizationProvider auth;
    private final GitHubErrors errors;

    RawRequests(OkHttpClient http, HttpUrl base, AuthorizationProvider auth, GitHubErrors errors) {
        this.http = http;
        // GitHub answers 302 (to the public-members URL) when we may not see private membership: that is a "no".
        this.noRedirects = http.newBuilder().followRedirects(false).build();
        this.base = base;
        this.auth = auth;
        this.errors = errors;
    }

    /** {@code base + segments}, each segment percent-encoded on its own. */
    HttpUrl url(Map<String, String> query, String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        query.forEach(b::addQueryParameter);
        return b.build();
    }

    /** A GET that must succeed. */
    JsonNode getJson(String what, HttpUrl url) {
        Answer a = exchange(what, "GET", url, null, true);
        if (!a.ok()) {
            throw failure(what, a);
        }
        return a.body();
    }

    /** A GET whose non-2xx answers the caller interprets (404 = no); redirects are not followed. */
    Answer probe(String what, HttpUrl url) {
        Answer a = exchange(what, "GET", url, null, false);
        if (a.status() >= 500 || a.status() == 401 || a.status() == 403 || a.status() == 429) {
            throw failure(what, a);
        }
        return a;
    }

    /** A DELETE that must succeed or answer 404 (already gone); returns the status. */
    int deleteIfPresent(String what, HttpUrl url) {
        Answer a = exchange(what, "DELETE", url, null, true);
        if (!a.ok() && a.status() != 404) {
            throw failure(what, a);
        }
        return a.status();
    }

    /** A write with a JSON body that must succeed. */
    JsonNode send(String what, String method, HttpUrl url, Object body) {
        Answer a = exchange(what, method, url, body, true);
        if (!a.ok()) {
            throw failure(what, a);
        }
        return a.body();
    }

    private GitHubException failure(String what, Answer a) {
        return errors.fromResponse(what, a.status(), a.headers::get, a.body().toString(), null);
    }

    private Answer exchange(String what, String method, HttpUrl url, Object body, boolean followRedirects) {
        try {
            Request.Builder request = new Request.Builder().url(url)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28");
            String authorization = auth.getEncodedAuthorization();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body == null) {
                if (method.equals("GET")) {
                    // Revalidate every time (If-None-Match → 304) instead of trusting max-age=60: fresh and free.
                    request.header("Cache-Control", "max-age=0");
                }
                request.method(method, null);
            } else {
                request.method(method, RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE));
            }
            OkHttpClient client = followRedirects ? http : noRedirects;
            try (Response response = client.newCall(request.build()).execute()) {
                ResponseBody responseBody = response.body();
                String text = responseBody.string();
                if (response.isSuccessful()) {
                    return new Answer(response.code(), parseSuccess(what, method, response.code(), text),
                            response.headers());
                }
                return new Answer(response.code(), parse(text), response.headers());
            }
        } catch (IOException e) {
            throw errors.translate(what, e);
        }
    }

    /**
     * A success must carry the JSON GitHub documents: only a 204, or a DELETE, may be empty. Anything else (an HTML
     * page, a cut-off list, {@code null}) is a malformed answer, transient like a 5xx, never read as "nothing".
     */
    private static JsonNode parseSuccess(String what, String method, int status, String text) {
        if (text.isBlank()) {
            if (status == 204 || method.equals("DELETE")) {
                return JSON.missingNode();
            }
            throw GitHubException.malformed(what, status, null);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isNull() || node.isMissingNode()) {
                throw GitHubException.malformed(what, status, null);
            }
            return node;
        } catch (IOException notJson) {
            throw GitHubException.malformed(what, status, notJson);
        }
    }

    /** Error pages (a proxy's HTML 502) are not JSON; they must still surface with their status. */
    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }
}
