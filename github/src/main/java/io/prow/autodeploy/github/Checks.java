package io.prow.autodeploy.github;

import java.util.List;

/**
 * Reading what CI said about a commit. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface Checks {
    /** Commit statuses (latest per context) and check runs on {@code sha}. */
    List<Check> checks(RepoRef repo, String sha);
}
