package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.BotIdentity;
import io.prow.autodeploy.github.Contents;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.GitWrites;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.ledger.DeployHolds;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link RollbackPlan} to GitHub: holds deploys, then commit → branch → PR → labels. GitHub is the only
 * state, so it is idempotent: an open PR from the tag's branch is returned as is when it is exactly this rollback
 * ({@link RollbackAdoption}; otherwise {@link RollbackConflict}, after the hold), and an attempt that failed half
 * way is completed by the next one (the branch is force-moved, a 422 "already exists" is looked up) without
 * duplicates.
 */
public final class RollbackExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackExecutor.class);

    private final BotIdentity identity;
    private final PullRequests prs;
    private final Labels labels;
    private final Contents contents;
    private final GitWrites git;
    private final DeployHolds holds;

    public RollbackExecutor(BotIdentity identity, PullRequests prs, Labels labels, Contents contents, GitWrites git,
                            DeployHolds holds) {
        this.identity = identity;
        this.prs = prs;
        this.labels = labels;
        this.contents = contents;
        this.git = git;
        this.holds = holds;
    }

    public RollbackResult execute(RepoConfig config, RollbackPlan plan, String requestedBy, String requestUrl) {
        // Hold first: it is what stops the next autobump from making things worse, so it must not depend on the
        // PR steps below succeeding. A retry repeats it harmlessly (holding is idempotent).
        Optional<PullRequest> heldOn = holds.hold(config, requestedBy, holdReason(plan.toTag(), requestedBy));
        Optional<PullRequest> open = openRollbackPr(config, plan);
        open.ifPresent(existing -> requireAdoptable(plan, existing));
        PullRequest pr = open.isPresent() ? open.get() : create(config, plan, requestedBy, requestUrl);
        addMissingLabels(config, pr);
        return new RollbackResult(pr, open.isEmpty(), heldOn);
    }

    /** The reason the hold carries, also quoted in the reply. */
    public static String holdReason(String toTag, String requestedBy) {
        return "rollback to " + toTag + " requested by @" + requestedBy;
    }

    private Optional<PullRequest> openRollbackPr(RepoConfig config, RollbackPlan plan) {
        String head = config.repo().owner() + ":" + plan.branch();
        return prs.pullRequests(config.repo(), new PrQuery(PrQuery.State.OPEN, config.baseBranch(), head, 1))
                .stream().findFirst();
    }

    private PullRequest create(RepoConfig config, RollbackPlan plan, String requestedBy, String requestUrl) {
        String title = plan.title().text();
        String sha = git.createCommit(config.repo(), plan.baseSha(),
                title + "\n\nRequested by @" + requestedBy + " in " + requestUrl + "\n", plan.files());
        // Creates the branch, or force-moves one left by an earlier attempt or an old rollback onto today's base.
        git.setBranch(config.repo(), plan.branch(), sha);
        try {
            PullRequest pr = git.createPullRequest(config.repo(), title, plan.branch(), config.baseBranch(),
                    RollbackPrBody.render(config, plan, requestedBy, requestUrl));
            LOG.info("opened rollback PR {}#{} to {}", config.repo(), pr.number(), plan.toTag());
            return pr;
        } catch (GitHubException e) {
            // 422 "A pull request already exists": a concurrent /rollback won the race; its PR is ours too.
            if (e.status() == 422) {
                Optional<PullRequest> raced = openRollbackPr(config, plan);
                if (raced.isPresent()) {
                    requireAdoptable(plan, raced.get());
                    return raced.get();
                }
            }
            throw e;
        }
    }

    /** An open PR on the rollback branch is returned (and labelled) only if it is exactly this rollback. */
    private void requireAdoptable(RollbackPlan plan, PullRequest pr) {
        Optional<String> why = RollbackAdoption.whyNot(identity, prs, contents, plan, pr);
        if (why.isPresent()) {
            LOG.warn("rollback to {} in {}: not adopting #{} ({})", plan.toTag(), plan.repo(), pr.number(), why.get());
            throw RollbackAdoption.conflict(plan, pr, why.get());
        }
    }

    /** Tide needs the merge labels; an attempt that failed after opening the PR left them off. */
    private void addMissingLabels(RepoConfig config, PullRequest pr) {
        if (config.rollback().merge() != RepoConfig.RollbackMerge.TIDE) {
            return;
        }
        List<String> missing = config.merge().labels().stream().filter(l -> !pr.hasLabel(l)).toList();
        if (!missing.isEmpty()) {
            labels.addLabels(config.repo(), pr.number(), missing);
        }
    }
}
