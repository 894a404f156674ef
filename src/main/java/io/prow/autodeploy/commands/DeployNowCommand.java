package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.deploy.DeployOverrides;
import io.prow.autodeploy.deploy.InertText;
import io.prow.autodeploy.deploy.PrMarkers;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /deploy-now [reason]}: for an urgent fix, oncall lets the autobump PR's current head skip the deploy window
 * and pacing once. Tests, holds, alerts and the breaking-change guard still apply. The override is a marker in this
 * command's reply, bound to the head SHA, so a new push ends it. Logged, and counted in
 * {@code autodeploy_deploy_now_total}. Same authorization as {@code /hold cancel}.
 */
public final class DeployNowCommand implements Command {
    static final Pattern PATTERN = Pattern.compile("(?mi)^/deploy-now(?:[ \\t]+(.*?))?[ \\t]*$");

    static final CommandSpec SPEC = new CommandSpec("deploy-now", PATTERN, "/deploy-now [reason]",
            "Lets the current autobump PR deploy outside the deploy window and pacing, once (it still needs green "
                    + "tests, no hold and no alert). A new push ends it.",
            List.of("/deploy-now", "/deploy-now fixes the crashlooping hook"));

    private final DeployOverrides overrides;
    private final Replies replies;

    public DeployNowCommand(DeployOverrides overrides, Replies replies) {
        this.overrides = overrides;
        this.replies = replies;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Set<Role> whoCan(RepoConfig config) {
        return config.hold().whoCanUnhold();
    }

    @Override
    public void run(CommandInvocation inv) {
        DeployOverrides.Outcome o = overrides.deployNow(inv.config(), inv.number(), inv.onPullRequest(),
                inv.author(), inv.args(), inv.comment().id());
        boolean markerHere = overrides.storeElsewhere(inv.config(), inv.number(), o, inv.author(),
                inv.comment().htmlUrl());
        // Our marker goes beside the text, not in it: replies defuse markers in text (it may quote people).
        Optional<String> marker = markerHere ? markerOf(o) : Optional.empty();
        if (marker.isPresent()) {
            replies.reply(inv, text(o), marker.get());
        } else {
            replies.reply(inv, text(o));
        }
        overrides.afterReply(inv.config(), o);
    }

    /** The reply's visible text. */
    static String text(DeployOverrides.Outcome o) {
        if (o instanceof DeployOverrides.DeployNowAlready a) {
            return ApproveDeployCommand.link(a.pr()) + " may already deploy now (by @" + a.override().by()
                    + "); nothing changed.";
        }
        if (o instanceof DeployOverrides.DeployNowGranted g) {
            PrMarkers.DeployNow d = g.override();
            String why = d.reason() == null || d.reason().isBlank() ? "" : " (" + InertText.of(d.reason()) + ")";
            return ApproveDeployCommand.link(g.pr()) + " at `" + d.sha().substring(0, Math.min(7, d.sha().length()))
                    + "` skips the deploy window and pacing once" + why + ". It still needs green tests, no hold and "
                    + "no alert; a new push ends this.";
        }
        return "there is no open autobump PR; nothing to deploy.";
    }

    /** The marker that stores the override, when the outcome granted one. */
    static Optional<String> markerOf(DeployOverrides.Outcome o) {
        return o instanceof DeployOverrides.DeployNowGranted g ? Optional.of(PrMarkers.marker(g.override()))
                : Optional.empty();
    }
}
