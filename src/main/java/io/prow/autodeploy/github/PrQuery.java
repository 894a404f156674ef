package io.prow.autodeploy.github;

/**
 * A pull request listing, newest update first ({@code GET /repos/o/r/pulls?sort=updated&direction=desc}).
 * {@code head} is {@code owner:branch} or null for any head; {@code limit} caps what is read (one page when ≤ 100).
 */
public record PrQuery(State state, String base, String head, int limit) {
    public enum State { OPEN, CLOSED, ALL }

    public PrQuery {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1..100 (one page), got " + limit);
        }
    }
}
