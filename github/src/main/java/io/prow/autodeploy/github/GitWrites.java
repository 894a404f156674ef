package io.prow.autodeploy.github;

import java.util.Map;

/**
 * Writing git data and opening a PR: what a rollback does. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface GitWrites {
    /** One commit on top of {@code parentSha} replacing {@code files} (path → text); returns the commit SHA. */
    String createCommit(RepoRef repo, String parentSha, String message, Map<String, String> files);

    /** Points {@code branch} at {@code sha}, creating it or force-moving it. */
    void setBranch(RepoRef repo, String branch, String sha);

    PullRequest createPullRequest(RepoRef repo, String title, String head, String base, String body);
}
