package io.prow.autodeploy.github;

/**
 * All of GitHub the plugin uses, as the sum of its role interfaces; each consumer takes only the roles it calls
 * (as Prow's needs-rebase declares just the client methods it uses). Implementations: {@link KohsukeGitHub} (the
 * real API), {@link DryRunGitHub} (reads through, logs mutations instead of making them) and the in-memory sandbox.
 * Every method may throw {@link GitHubException}.
 */
public interface GitHub extends PullRequests, Checks, Comments, Labels, Statuses, Membership, Contents, GitWrites {
}
