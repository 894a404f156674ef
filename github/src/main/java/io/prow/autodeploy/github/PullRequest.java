package io.prow.autodeploy.github;

import java.time.Instant;
import java.util.Set;

/**
 * What the plugin needs of a pull request. {@code headOwner} is the login owning the head repository
 * (the bot's fork for Prow's autobumper), {@code mergedAt} is null unless merged. {@code headRepo} is the head
 * repository's {@code full_name} ({@code k8s-infra-ci-robot/k8s.io} for kubernetes/k8s.io's autobump PRs), null
 * when GitHub sends {@code head.repo: null} (the fork was deleted).
 * {@code mergeCommitSha} is GitHub's {@code merge_commit_sha}, the commit on the base branch a merged PR became
 * (null when unknown).
 */
public record PullRequest(
        RepoRef repo,
        int number,
        String title,
        String body,
        String author,
        String headOwner,
        String headRef,
        String headSha,
        String baseRef,
        boolean open,
        Instant createdAt,
        Instant closedAt,
        Instant mergedAt,
        Set<String> labels,
        String htmlUrl,
        String headRepo,
        String mergeCommitSha) {

    /** Without a head repository or merge commit read: the head repo is taken to be {@code headOwner}'s repo of the same name. */
    public PullRequest(RepoRef repo, int number, String title, String body, String author, String headOwner,
                       String headRef, String headSha, String baseRef, boolean open, Instant createdAt,
                       Instant closedAt, Instant mergedAt, Set<String> labels, String htmlUrl) {
        this(repo, number, title, body, author, headOwner, headRef, headSha, baseRef, open, createdAt, closedAt,
                mergedAt, labels, htmlUrl, headOwner == null ? null : headOwner + "/" + repo.name(), null);
    }

    public PullRequest {
        labels = Set.copyOf(labels);
        body = body == null ? "" : body;
    }

    public boolean merged() {
        return mergedAt != null;
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }
}
