package io.prow.autodeploy.github;

/**
 * A pull request listing, newest update first ({@code GET /repos/o/r/pulls?sort=updated&direction=desc}).
 * {@code head} is {@code owner:branch} or null for any head (GitHub's {@code head=user:ref-name} filter);
 * {@code limit} is the page size (1..100, GitHub's {@code per_page}) and {@code page} which page (1-based): callers
 * page only as deep as they need, one request per page.
 */
public record PrQuery(State state, String base, String head, int limit, int page) {
    public enum State { OPEN, CLOSED, ALL }

    public PrQuery {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1..100 (one page), got " + limit);
        }
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, got " + page);
        }
    }

    /** The first page. */
    public PrQuery(State state, String base, String head, int limit) {
        this(state, base, head, limit, 1);
    }

    public PrQuery nextPage() {
        return new PrQuery(state, base, head, limit, page + 1);
    }
}
