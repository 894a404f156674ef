package io.prow.autodeploy.commands;

import io.prow.autodeploy.deploy.gates.PrMarkers;
import io.prow.autodeploy.deploy.gates.SourceChanges;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.InertText;
import java.util.List;
import java.util.Optional;

/**
 * {@code /approve-deploy [reason]}: oncall read the announcements and opens the breaking-change guard for the
 * autobump PR's current tag. The approval is a marker in this command's reply, bound to the tag: a later bump
 * needs a new one. Same authorization as {@code /hold cancel}.
 */
public final class ApproveDeployCommand extends OverrideCommand {
    static final CommandSpec SPEC = new CommandSpec("approve-deploy", CommandWord.own("approve-deploy"),
            "/approve-deploy [reason]",
            "Lets the autobump PR's version deploy although the Prow announcements changed since the deployed "
                    + "version (the breaking-change guard). For this version only.",
            List.of("/approve-deploy", "/approve-deploy migrated the plank config as announced"));

    public ApproveDeployCommand(DeployOverrides overrides, Replies replies) {
        super(overrides, replies);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    DeployOverrides.Outcome decide(CommandInvocation inv) {
        return overrides.approve(inv.config(), inv.number(), inv.onPullRequest(), inv.author(),
                inv.args(), inv.comment().id());
    }

    @Override
    String text(DeployOverrides.Outcome o) {
        if (o instanceof DeployOverrides.NothingToApprove n) {
            return "nothing needs approval on " + link(n.pr()) + ": " + n.why() + ".";
        }
        if (o instanceof DeployOverrides.AlreadyApproved a) {
            return "`" + a.approval().tag() + "` on " + link(a.pr()) + " was already approved by @"
                    + a.approval().by() + "; nothing changed.";
        }
        if (o instanceof DeployOverrides.Approved a) {
            PrMarkers.Approval ap = a.approval();
            String what = a.changes() instanceof SourceChanges.Unknown u
                    ? " although its source range could not be compared (" + InertText.of(u.reason()) + ")"
                    : a.changes() instanceof SourceChanges.Compared c
                    ? " past the announcements changed since `" + c.fromTag() + "`" : "";
            String why = ap.reason() == null || ap.reason().isBlank() ? "" : " (" + InertText.of(ap.reason()) + ")";
            return "approved deploying `" + ap.tag() + "` on " + link(a.pr()) + what + why + ". The other gates "
                    + "still apply; a later bump needs a new approval.";
        }
        return "there is no open autobump PR; nothing needs approval.";
    }

    @Override
    Optional<String> markerOf(DeployOverrides.Outcome o) {
        return o instanceof DeployOverrides.Approved a ? Optional.of(PrMarkers.marker(a.approval())) : Optional.empty();
    }

    static String link(PullRequest pr) {
        return "[#" + pr.number() + "](" + pr.htmlUrl() + ")";
    }
}
