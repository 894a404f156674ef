package io.prow.autodeploy.github;

import java.util.List;

/**
 * Reading pull requests: one, a listing, and the files one changes. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface PullRequests {
    PullRequest pullRequest(RepoRef repo, int number);

    List<PullRequest> pullRequests(RepoRef repo, PrQuery query);

    /**
     * The files the PR changes with their patches (GitHub's "list pull request files", paginated; {@code patch}
     * absent for diffs too large to show). The trust gate reads the deployed tag from these patches.
     */
    List<ChangedFile> changedFiles(RepoRef repo, int number);
}
