package io.prow.autodeploy.rollback;

import io.prow.autodeploy.github.BotIdentity;
import io.prow.autodeploy.github.Contents;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an open PR on a rollback branch may be treated as the rollback a plan describes, so that repeating
 * {@code /rollback} returns it (and labels it for Tide). Anyone with write access can push a branch named
 * {@code autodeploy/rollback-<tag>} and open a PR from it, so the branch name proves nothing: the PR must be opened by
 * the bot's own account (a PR's author cannot be changed or forged) AND change exactly the plan's files to exactly
 * the plan's text at its head. Content, not authorship of commits, is what is checked: commit author and committer are
 * whatever the pusher wrote, so they prove nothing either. Costs one files listing and one read per planned file; only
 * a repeated or raced {@code /rollback} pays it.
 */
final class RollbackAdoption {
    private RollbackAdoption() {}

    /** Why {@code pr} is not the plan's rollback, or empty when it is exactly it. */
    static Optional<String> whyNot(BotIdentity identity, PullRequests prs, Contents contents, RollbackPlan plan,
                                   PullRequest pr) {
        String bot = identity.botLogin();
        if (!bot.equals(pr.author())) {
            return Optional.of("it was not opened by me (@" + bot + ")");
        }
        Set<String> changed = new HashSet<>(prs.changedFiles(plan.repo(), pr.number()).stream()
                .map(io.prow.autodeploy.github.ChangedFile::path).toList());
        if (!changed.equals(plan.files().keySet())) {
            return Optional.of("it changes " + changed.size() + " files, the rollback changes "
                    + plan.files().size());
        }
        for (Map.Entry<String, String> file : plan.files().entrySet()) {
            // Read at the head SHA the listing showed: a push in between is caught by its synchronize event.
            if (!file.getValue().equals(contents.fileText(plan.repo(), file.getKey(), pr.headSha()))) {
                return Optional.of("its `" + file.getKey() + "` differs from the rollback's");
            }
        }
        return Optional.empty();
    }

    /** The refusal posted instead of adopting {@code pr}. */
    static RollbackConflict conflict(RollbackPlan plan, PullRequest pr, String why) {
        return new RollbackConflict(pr.number(), plan.toTag(), "#" + pr.number() + " is open from `" + plan.branch()
                + "` but is not this rollback: " + why + ". I did not label it and did not open a second PR. Close #"
                + pr.number() + " (its branch is force-moved by the next rollback) and comment `/rollback "
                + plan.toTag() + "` again.");
    }
}
