package io.prow.autodeploy.github;

import java.time.Instant;
import java.util.Set;

/**
 * What the plugin needs of a pull request. {@code headOwner} is the login owning the head repository
 * (the bot's fork for Prow's autobumper), {@code mergedAt} is null unless merged.
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
        String htmlUrl) {

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
