package io.prow.autodeploy.github;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The narrow slice of GitHub the plugin uses. Implementations: {@link KohsukeGitHub} (the real API),
 * {@link DryRunGitHub} (reads through, logs mutations instead of making them) and the in-memory sandbox.
 * Every method may throw {@link GitHubException}.
 */
public interface GitHub {
    /** The login the plugin acts as, so it can ignore its own comments. */
    String botLogin();

    // ---- reads
    PullRequest pullRequest(RepoRef repo, int number);

    List<PullRequest> pullRequests(RepoRef repo, PrQuery query);

    /**
     * The files the PR changes with their patches (GitHub's "list pull request files", paginated; {@code patch}
     * absent for diffs too large to show). The trust gate reads the deployed tag from these patches.
     */
    List<ChangedFile> changedFiles(RepoRef repo, int number);

    /** Commit statuses (latest per context) and check runs on {@code sha}. */
    List<Check> checks(RepoRef repo, String sha);

    List<Comment> comments(RepoRef repo, int number);

    boolean isOrgMember(String org, String login);

    boolean isTeamMember(String org, String teamSlug, String login);

    Permission permission(RepoRef repo, String login);

    Optional<String> branchSha(RepoRef repo, String branch);

    /** Every file path in the tree of {@code commitSha}, recursively. */
    List<String> treePaths(RepoRef repo, String commitSha);

    String fileText(RepoRef repo, String path, String ref);

    /**
     * The commits and files between {@code base} and {@code head} (SHAs, short SHAs or refs), one request. A
     * commit GitHub does not know is a {@link GitHubException} with status 404.
     */
    Comparison compare(RepoRef repo, String base, String head);

    // ---- writes
    void addLabels(RepoRef repo, int number, List<String> labels);

    /** Removing a label that is not there succeeds (GitHub's 404 is swallowed): removal is idempotent. */
    void removeLabel(RepoRef repo, int number, String label);

    void setStatus(RepoRef repo, String sha, StatusState state, String context, String description, String targetUrl);

    Comment createComment(RepoRef repo, int number, String body);

    void editComment(RepoRef repo, long commentId, String body);

    /** Deleting a comment that is already gone succeeds (GitHub's 404 is swallowed), like {@link #removeLabel}. */
    void deleteComment(RepoRef repo, long commentId);

    /** One commit on top of {@code parentSha} replacing {@code files} (path → text); returns the commit SHA. */
    String createCommit(RepoRef repo, String parentSha, String message, Map<String, String> files);

    /** Points {@code branch} at {@code sha}, creating it or force-moving it. */
    void setBranch(RepoRef repo, String branch, String sha);

    PullRequest createPullRequest(RepoRef repo, String title, String head, String base, String body);
}
