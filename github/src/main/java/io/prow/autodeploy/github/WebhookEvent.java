package io.prow.autodeploy.github;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The GitHub events the plugin acts on, typed. Everything else parses to {@link Ignored}. */
public sealed interface WebhookEvent {
    RepoRef repo();

    /**
     * {@code pull_request}: opened, synchronize, labeled, closed, ... with the PR as the payload shows it.
     * {@code sender} is the account that caused the event (for synchronize: who pushed); null when absent.
     * {@code label}: for labeled and unlabeled, the name of the label added or removed ({@code label.name}); else null.
     */
    record PullRequestEvent(RepoRef repo, String action, PullRequest pr, String sender, String label)
            implements WebhookEvent {
        public PullRequestEvent(RepoRef repo, String action, PullRequest pr) {
            this(repo, action, pr, null, null);
        }

        public PullRequestEvent(RepoRef repo, String action, PullRequest pr, String sender) {
            this(repo, action, pr, sender, null);
        }
    }

    /** {@code issue_comment} on an issue or a PR. {@code authorIsBot} from the user's type. */
    record IssueCommentEvent(RepoRef repo, String action, int number, boolean onPullRequest, Comment comment,
                             boolean authorIsBot) implements WebhookEvent {}

    /** {@code status}: a commit status changed on {@code sha}. */
    record StatusEvent(RepoRef repo, String sha, String context, String state) implements WebhookEvent {}

    /** {@code check_run} or {@code check_suite}: checks changed on {@code sha}; PR numbers when GitHub knows them. */
    record CheckEvent(RepoRef repo, String sha, List<Integer> pullNumbers) implements WebhookEvent {}

    /**
     * {@code push}: {@code ref} moved to {@code after}. {@code paths}: every file the pushed commits added, removed or
     * modified, when the payload lists them all; empty when it cannot be known (no commits listed, a forced push or
     * a deletion, or a list that may be cut short).
     */
    record PushEvent(RepoRef repo, String ref, String after, Optional<Set<String>> paths) implements WebhookEvent {
        public PushEvent(RepoRef repo, String ref, String after) {
            this(repo, ref, after, Optional.empty());
        }
    }

    /** Any event type we do not handle, or one without a repository. */
    record Ignored(RepoRef repo, String eventType) implements WebhookEvent {}
}
