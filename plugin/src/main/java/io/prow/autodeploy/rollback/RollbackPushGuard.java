package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.StatusState;
import io.prow.autodeploy.github.Statuses;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push to one of our rollback PRs by anyone but the bot un-approves it: the merge labels come off, a failing
 * {@code autodeploy} status names the commit (Tide treats a failing context as blocking unless
 * {@code skip-unknown-contexts} is set: kubernetes-sigs/prow {@code pkg/config/tide.go} {@code IsOptional}), and one
 * comment per pushed commit says so. Otherwise a writer could add, say, {@code .github/workflows/x.yaml} to a PR
 * that Tide merges without review.
 *
 * <p>Who pushed comes from the {@code pull_request} {@code synchronize} event's {@code sender}: GitHub sets it to the
 * account that moved the branch, and it cannot be written by the pusher, unlike a commit's author and committer (any
 * text the pusher chose). The bot itself never pushes to a branch with an open rollback PR ({@link RollbackExecutor}
 * moves the branch only before opening one), so any other sender is someone else's commit. A missing sender counts
 * as someone else (fail closed).
 */
public final class RollbackPushGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackPushGuard.class);
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}(\\[bot])?");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");

    private final Comments comments;
    private final Labels labels;
    private final Statuses statuses;

    public RollbackPushGuard(Comments comments, Labels labels, Statuses statuses) {
        this.comments = comments;
        this.labels = labels;
        this.statuses = statuses;
    }

    /** Pure, for the router: a push (synchronize) to an open PR from a rollback branch into the base branch. */
    public static boolean concerns(RepoConfig c, String action, PullRequest pr) {
        return "synchronize".equals(action) && pr.open() && pr.headRef() != null
                && pr.headRef().startsWith(RollbackTitle.BRANCH_PREFIX) && c.baseBranch().equals(pr.baseRef())
                && c.repo().owner().equalsIgnoreCase(String.valueOf(pr.headOwner()));
    }

    static String marker(String sha) {
        return "<!-- autodeploy:foreign-push sha=" + sha + " -->";
    }

    /** Acts on the push {@code pr} (as the event shows it) by {@code sender}; true when it was someone else's. */
    public boolean onPush(RepoConfig c, PullRequest pr, String sender) {
        String bot = comments.botLogin();
        if (!bot.equals(pr.author()) || bot.equals(sender) || !SHA.matcher(pr.headSha()).matches()) {
            return false; // not our PR (never labelled by us), or our own push
        }
        String who = sender != null && LOGIN.matcher(sender).matches() ? "@" + sender : "someone";
        String shortSha = pr.headSha().substring(0, 7);
        LOG.warn("rollback PR {}#{} got commit {} pushed by {}: taking the merge labels off", c.repo(), pr.number(),
                shortSha, who);
        for (String label : c.merge().labels()) {
            labels.removeLabel(c.repo(), pr.number(), label); // idempotent: a label already gone is fine
        }
        statuses.setStatus(c.repo(), pr.headSha(), StatusState.FAILURE, c.merge().statusContext(),
                "Not mergeable: commit " + shortSha + " was pushed by " + who + ", not by the autodeploy bot",
                pr.htmlUrl());
        String marker = marker(pr.headSha());
        boolean told = comments.comments(c.repo(), pr.number()).stream()
                .anyMatch(cm -> bot.equals(cm.author()) && cm.body() != null && cm.body().contains(marker));
        if (!told) {
            comments.createComment(c.repo(), pr.number(), who + " pushed " + pr.headSha()
                    + " to this rollback PR, so it is no longer the rollback I opened: I took off "
                    + String.join(", ", c.merge().labels().stream()
                    .map(l -> "`" + l + "`").toList()) + " and set a failing `" + c.merge().statusContext()
                    + "` status. It will not merge by itself. For a clean rollback, close this PR and comment `"
                    + retry(c, pr) + "`.\n" + marker);
        }
        return true;
    }

    private static String retry(RepoConfig c, PullRequest pr) {
        String tag = pr.headRef().substring(RollbackTitle.BRANCH_PREFIX.length());
        return RollbackPlanner.isSafeTag(c, tag) ? "/rollback " + tag : "/rollback <tag>";
    }
}
