package io.prow.autodeploy.github;

/**
 * Writing the plugin's own commit status. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface Statuses {
    void setStatus(RepoRef repo, String sha, StatusState state, String context, String description, String targetUrl);
}
