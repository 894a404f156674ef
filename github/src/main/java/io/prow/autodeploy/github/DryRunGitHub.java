package io.prow.autodeploy.github;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads go to the wrapped GitHub; every mutation is logged as one {@code dry-run: would ...} INFO line and not
 * made. Return values are harmless placeholders so callers carry on exactly as they would for real.
 */
public final class DryRunGitHub implements GitHub {
    private static final Logger LOG = LoggerFactory.getLogger(DryRunGitHub.class);
    static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    private final GitHub delegate;

    public DryRunGitHub(GitHub delegate) {
        this.delegate = delegate;
    }

    @Override
    public String botLogin() {
        return delegate.botLogin();
    }

    @Override
    public PullRequest pullRequest(RepoRef repo, int number) {
        return delegate.pullRequest(repo, number);
    }

    @Override
    public List<PullRequest> pullRequests(RepoRef repo, PrQuery query) {
        return delegate.pullRequests(repo, query);
    }

    @Override
    public List<ChangedFile> changedFiles(RepoRef repo, int number) {
        return delegate.changedFiles(repo, number);
    }

    @Override
    public List<Check> checks(RepoRef repo, String sha) {
        return delegate.checks(repo, sha);
    }

    @Override
    public List<Comment> comments(RepoRef repo, int number) {
        return delegate.comments(repo, number);
    }

    @Override
    public boolean isOrgMember(String org, String login) {
        return delegate.isOrgMember(org, login);
    }

    @Override
    public boolean isTeamMember(String org, String teamSlug, String login) {
        return delegate.isTeamMember(org, teamSlug, login);
    }

    @Override
    public Permission permission(RepoRef repo, String login) {
        return delegate.permission(repo, login);
    }

    @Override
    public Optional<String> branchSha(RepoRef repo, String branch) {
        return delegate.branchSha(repo, branch);
    }

    @Override
    public List<String> treePaths(RepoRef repo, String commitSha) {
        return delegate.treePaths(repo, commitSha);
    }

    @Override
    public String fileText(RepoRef repo, String path, String ref) {
        return delegate.fileText(repo, path, ref);
    }

    @Override
    public Comparison compare(RepoRef repo, String base, String head) {
        return delegate.compare(repo, base, head);
    }

    @Override
    public void addLabels(RepoRef repo, int number, List<String> labels) {
        LOG.info("dry-run: would add labels {} to {}#{}", labels, repo, number);
    }

    @Override
    public void removeLabel(RepoRef repo, int number, String label) {
        LOG.info("dry-run: would remove label {} from {}#{}", label, repo, number);
    }

    @Override
    public void setStatus(RepoRef repo, String sha, StatusState state, String context, String description,
                          String targetUrl) {
        LOG.info("dry-run: would set status {}={} \"{}\" on {}@{}", context, state.api(), description, repo, sha);
    }

    @Override
    public Comment createComment(RepoRef repo, int number, String body) {
        LOG.info("dry-run: would comment on {}#{}: {}", repo, number, firstLine(body));
        return new Comment(-1, botLogin(), body, null, null);
    }

    @Override
    public void editComment(RepoRef repo, long commentId, String body) {
        LOG.info("dry-run: would edit comment {} in {}: {}", commentId, repo, firstLine(body));
    }

    @Override
    public void deleteComment(RepoRef repo, long commentId) {
        LOG.info("dry-run: would delete comment {} in {}", commentId, repo);
    }

    @Override
    public String createCommit(RepoRef repo, String parentSha, String message, Map<String, String> files) {
        LOG.info("dry-run: would commit \"{}\" on {}@{} changing {}", firstLine(message), repo, parentSha,
                files.keySet());
        return ZERO_SHA;
    }

    @Override
    public void setBranch(RepoRef repo, String branch, String sha) {
        LOG.info("dry-run: would point branch {} of {} at {}", branch, repo, sha);
    }

    @Override
    public PullRequest createPullRequest(RepoRef repo, String title, String head, String base, String body) {
        LOG.info("dry-run: would open a pull request in {} from {} to {}: \"{}\"", repo, head, base, title);
        return new PullRequest(repo, 0, title, body, botLogin(), repo.owner(), head, ZERO_SHA, base, true,
                null, null, null, Set.of(), null);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }
}
