package io.prow.autodeploy.commands;

import io.prow.autodeploy.deploy.gates.PrMarkers;
import io.prow.autodeploy.ledger.InertText;
import java.util.List;
import java.util.Optional;

/**
 * {@code /deploy-now [reason]}: for an urgent fix, oncall lets the autobump PR's current head skip the deploy window
 * and pacing once. Tests, holds, alerts and the breaking-change guard still apply. The override is a marker in this
 * command's reply, bound to the head SHA, so a new push ends it. Logged, and counted in
 * {@code autodeploy_deploy_now_total}. Same authorization as {@code /hold cancel}.
 */
public final class DeployNowCommand extends OverrideCommand {
    static final CommandSpec SPEC = new CommandSpec("deploy-now", CommandWord.own("deploy-now"),
            "/deploy-now [reason]",
            "Lets the current autobump PR deploy outside the deploy window and pacing, once (it still needs green "
                    + "tests, no hold and no alert). A new push ends it.",
            List.of("/deploy-now", "/deploy-now fixes the crashlooping hook"));

    public DeployNowCommand(DeployOverrides overrides, Replies replies) {
        super(overrides, replies);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    DeployOverrides.Outcome decide(CommandInvocation inv) {
        return overrides.deployNow(inv.config(), inv.number(), inv.onPullRequest(),
                inv.author(), inv.args(), inv.comment().id());
    }

    @Override
    String text(DeployOverrides.Outcome o) {
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

    @Override
    Optional<String> markerOf(DeployOverrides.Outcome o) {
        return o instanceof DeployOverrides.DeployNowGranted g ? Optional.of(PrMarkers.marker(g.override()))
                : Optional.empty();
    }
}
