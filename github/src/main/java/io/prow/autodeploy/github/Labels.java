package io.prow.autodeploy.github;

import java.util.List;

/**
 * Adding and removing labels on an issue or PR. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface Labels {
    void addLabels(RepoRef repo, int number, List<String> labels);

    /** Removing a label that is not there succeeds (GitHub's 404 is swallowed): removal is idempotent. */
    void removeLabel(RepoRef repo, int number, String label);
}
