package io.prow.autodeploy.github;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network interceptor (it sees real exchanges, including the 304 behind a cache hit) feeding a
 * {@link GitHubRequestListener} with a path template whose variable parts are folded to {@code *}.
 */
final class ListenerInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerInterceptor.class);

    /** Path words of the endpoints we call; anything else (numbers, SHAs, logins, paths, labels) is variable. */
    private static final Set<String> RESOURCE_WORDS = Set.of(
            "pulls", "files", "issues", "comments", "labels", "commits", "status", "statuses", "check-runs",
            "collaborators", "permission", "git", "ref", "refs", "heads", "trees", "blobs", "contents",
            "members", "teams", "memberships", "user", "app", "installations", "access_tokens", "rate_limit",
            "compare");

    private final int basePathSegments;
    private final GitHubRequestListener listener;

    /** {@code basePathSegments}: how many leading segments the endpoint itself has (2 for GHE's /api/v3). */
    ListenerInterceptor(int basePathSegments, GitHubRequestListener listener) {
        this.basePathSegments = basePathSegments;
        this.listener = listener;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String method = chain.request().method();
        String template = template(chain.request().url().pathSegments());
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            report(method, template, 0);
            throw e;
        }
        report(method, template, response.code());
        return response;
    }

    private void report(String method, String template, int status) {
        try {
            listener.onResponse(method, template, status, status == 304);
        } catch (RuntimeException e) {
            // Metrics must never break a GitHub call.
            LOG.warn("GitHub request listener failed", e);
        }
    }

    String template(List<String> allSegments) {
        List<String> segments = allSegments.subList(Math.min(basePathSegments, allSegments.size()), allSegments.size());
        StringBuilder out = new StringBuilder();
        int start = 0;
        if (segments.size() >= 3 && segments.get(0).equals("repos")) {
            out.append("/repos/{o}/{r}");
            start = 3;
        } else if (segments.size() >= 2 && segments.get(0).equals("orgs")) {
            out.append("/orgs/{org}");
            start = 2;
        }
        boolean lastWasVariable = false;
        for (String segment : segments.subList(start, segments.size())) {
            if (RESOURCE_WORDS.contains(segment)) {
                out.append('/').append(segment);
                lastWasVariable = false;
            } else if (!lastWasVariable && !segment.isEmpty()) {
                out.append("/*");
                lastWasVariable = true;
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
