package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.github.BotIdentity;
import io.prow.autodeploy.github.Contents;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.GitWrites;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.ledger.DeployHolds;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.PlanOutcome;
import io.prow.autodeploy.rollback.RollbackConflict;
import io.prow.autodeploy.rollback.RollbackExecutor;
import io.prow.autodeploy.rollback.RollbackPlan;
import io.prow.autodeploy.rollback.RollbackPlanner;
import io.prow.autodeploy.rollback.RollbackResult;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /rollback [tag]}: opens a PR that moves every Prow image back to {@code tag} (default: the deploy before the
 * current one) and holds automatic deploys, all from one comment. Authorization happens before {@link #run}.
 */
public final class RollbackCommand implements Command {
    private static final String USAGE = "/rollback [tag]";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final RollbackPlanner planner;
    private final BotIdentity identity;
    private final PullRequests prs;
    private final Labels labels;
    private final Contents contents;
    private final GitWrites git;
    private final DeployHolds holds;
    private final Replies replies;

    /** The roles a rollback needs: the planner reads, the executor (one per command, with its holds) writes. */
    public RollbackCommand(BotIdentity identity, PullRequests prs, Labels labels, Contents contents, GitWrites git,
                           DeployHolds holds, Replies replies) {
        this.planner = new RollbackPlanner(prs, contents);
        this.identity = identity;
        this.prs = prs;
        this.labels = labels;
        this.contents = contents;
        this.git = git;
        this.holds = holds;
        this.replies = replies;
    }

    static final CommandSpec SPEC = new CommandSpec("rollback", CommandWord.own("rollback"), USAGE,
            "Opens a PR that sets every Prow image back to a tag deployed before (default: the previous deploy) "
                    + "and holds automatic deploys until `/hold cancel`.",
            List.of("/rollback", "/rollback v20261120-0a1b2c3d4e"));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Set<Role> whoCan(RepoConfig config) {
        return config.rollback().whoCan();
    }

    @Override
    public void run(CommandInvocation inv) {
        Optional<String> tag = Optional.ofNullable(inv.args()).map(String::trim).filter(a -> !a.isEmpty());
        AskedHolds asked = new AskedHolds(holds, inv);
        try {
            PlanOutcome outcome = planner.plan(inv.config(), tag);
            if (outcome instanceof PlanOutcome.Refused refused) {
                replies.reply(inv, refusal(inv.config(), refused));
                return;
            }
            RollbackPlan plan = ((PlanOutcome.Planned) outcome).plan();
            String text;
            try {
                RollbackResult result = new RollbackExecutor(identity, prs, labels, contents, git, asked)
                        .execute(inv.config(), plan, inv.author(), inv.comment().htmlUrl());
                text = done(inv, plan, result);
            } catch (RollbackConflict conflict) {
                // The hold stands (it was taken first); the foreign or altered PR is left alone.
                text = "Nothing rolled back yet; automatic deploys are held ("
                        + RollbackExecutor.holdReason(conflict.plannedTag(), inv.author()) + "). "
                        + conflict.getMessage();
            }
            finish(inv, asked, text);
        } catch (GitHubException e) {
            // The person needs to know it stopped; the dispatcher still gets the error to log with the delivery id.
            // A hold already taken keeps its record in this reply, so it stands as ours (not a bare label).
            finish(inv, asked, "The rollback did not finish: GitHub gave " + e.answered() + ". Comment `"
                    + usageAgain(inv.config(), tag) + "` again: it continues where it stopped and opens no second PR.");
            throw e;
        }
    }

    /**
     * Commented on the PR the hold goes on, the reply is the hold's record too (one comment per command); the hold's
     * decision is reconciled once that record exists.
     */
    private void finish(CommandInvocation inv, AskedHolds asked, String text) {
        if (asked.record.isPresent()) {
            replies.reply(inv, text, asked.record.get());
            asked.heldOn.ifPresent(pr -> holds.recorded(inv.config(), pr.number()));
        } else {
            replies.reply(inv, text);
        }
    }

    /** The rollback's hold, asked by this comment: its record comes back for the reply when it is on the PR. */
    private static final class AskedHolds implements DeployHolds {
        private final DeployHolds holds;
        private final CommandInvocation inv;
        private Optional<String> record = Optional.empty();
        private Optional<io.prow.autodeploy.github.PullRequest> heldOn = Optional.empty();

        AskedHolds(DeployHolds holds, CommandInvocation inv) {
            this.holds = holds;
            this.inv = inv;
        }

        @Override
        public Optional<io.prow.autodeploy.github.PullRequest> hold(RepoConfig config, String by, String reason) {
            Outcome o = holds.hold(config, new Request(by, reason, inv.comment().createdAt() == null
                    ? java.time.Instant.EPOCH : inv.comment().createdAt(), inv.number(), inv.comment().id()));
            record = o.recordForReply();
            heldOn = o.pr();
            return o.pr();
        }

        @Override
        public Optional<io.prow.autodeploy.github.PullRequest> release(RepoConfig config, String by) {
            return holds.release(config, by);
        }
    }

    private static String usageAgain(RepoConfig config, Optional<String> tag) {
        // Only a valid tag is repeated back: anything else typed could carry markdown, mentions or HTML.
        return tag.filter(t -> RollbackPlanner.isSafeTag(config, t)).map(t -> "/rollback " + t).orElse("/rollback");
    }

    private static String refusal(RepoConfig config, PlanOutcome.Refused refused) {
        StringBuilder b = new StringBuilder("Nothing rolled back. ").append(refused.message());
        if (refused.reason() == PlanOutcome.Reason.INVALID_TAG) {
            // Whatever followed the command word that is not one tag (a second word, `;tag`, a no-break space):
            // say how the command is written rather than ignore it (issue 17.7). The text typed is not echoed.
            b.append(" Usage: `").append(USAGE).append("`: one tag").append(refused.history().lastFive().isEmpty()
                    ? "" : " from the list below").append(", or none for the version before the current one.");
        }
        List<Deploy> recent = refused.history().lastFive();
        if (refused.reason().listsDeploys() && !recent.isEmpty()) {
            ZoneId zone = config.window().timezone();
            b.append("\n\nThe last deploys, newest first:\n");
            for (Deploy d : recent) {
                b.append("- `").append(d.tag()).append("` merged ").append(when(d.mergedAt(), zone))
                        .append(" (#").append(d.number()).append(d.kind() == Deploy.Kind.ROLLBACK ? ", rollback" : "")
                        .append(")\n");
            }
        }
        return b.toString();
    }

    private static String done(CommandInvocation inv, RollbackPlan plan, RollbackResult result) {
        String link = "[#" + result.pr().number() + "](" + result.pr().htmlUrl() + ")";
        StringBuilder b = new StringBuilder();
        // A retry finds the PR its own earlier try opened (its body links this very comment): still "Opened".
        boolean ours = result.created() || result.pr().body().contains(inv.comment().htmlUrl() + ".");
        b.append(ours ? "Opened " + link + " to roll" : link + ", opened earlier, rolls")
                .append(" Prow back to `").append(plan.toTag()).append("` (from `").append(plan.fromTag())
                .append("`): ").append(plan.imageCount()).append(" images in ").append(plan.files().size())
                .append(" files.\n\n");
        b.append(inv.config().rollback().merge() == RepoConfig.RollbackMerge.TIDE
                ? "Tide merges it once its tests pass.\n\n"
                : "It needs review and approval to merge.\n\n");
        b.append("Automatic deploys are held");
        result.heldOn().ifPresent(pr -> b.append(" on #").append(pr.number()));
        b.append(" (").append(RollbackExecutor.holdReason(plan.toTag(), inv.author()))
                .append("). Comment `/hold cancel` once the fix is in.");
        return b.toString();
    }

    private static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone)) + " " + zone.getId();
    }
}
