package io.prow.autodeploy.bench;

import io.prow.autodeploy.github.GitHubRequestListener;
import io.prow.autodeploy.sandbox.InMemoryGitHub;

/**
 * What some work cost in GitHub calls. {@code notModified}: answered 304 to our If-None-Match, which GitHub does
 * not charge to the rate limit; everything else ({@link #rateLimited()}) is charged, writes included.
 */
record Cost(int calls, int notModified, int writes) {
    int rateLimited() {
        return calls - notModified;
    }

    Cost minus(Cost earlier) {
        return new Cost(calls - earlier.calls, notModified - earlier.notModified, writes - earlier.writes);
    }

    /** Reads a running total. */
    interface Meter {
        Cost total();
    }

    /** Calls the plugin made on the GitHub port (the in-memory fake counts them; it has no HTTP, so no 304). */
    static Meter portCalls(InMemoryGitHub gh) {
        return () -> new Cost(gh.readCalls() + gh.writeCalls(), 0, gh.writeCalls());
    }

    /** Real HTTP exchanges of the plugin's adapter, as its network interceptor reports them. */
    static final class HttpCounter implements GitHubRequestListener, Meter {
        private int requests;
        private int notModified;
        private int writes;

        @Override
        public synchronized void onResponse(String method, String pathTemplate, int status, boolean conditional304) {
            requests++;
            if (conditional304) {
                notModified++;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                writes++;
            }
        }

        @Override
        public synchronized Cost total() {
            return new Cost(requests, notModified, writes);
        }
    }
}
