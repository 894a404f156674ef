package io.prow.autodeploy.github;

/**
 * Told about every HTTP exchange that really reached GitHub (fed by an OkHttp network interceptor, so answers
 * served entirely from the local cache are not reported). Metrics count requests by method and status from it.
 */
@FunctionalInterface
public interface GitHubRequestListener {
    GitHubRequestListener NONE = (method, pathTemplate, status, servedByConditional304) -> { };

    /**
     * @param pathTemplate           a low-cardinality path such as {@code /repos/{o}/{r}/pulls/*}
     * @param status                 the network status code; 0 when no answer came
     * @param servedByConditional304 GitHub answered 304 to our {@code If-None-Match}: the caller got the cached
     *                               body and the request did not count against the rate limit
     */
    void onResponse(String method, String pathTemplate, int status, boolean servedByConditional304);
}
