package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of oncall's one-time overrides ({@code /approve-deploy}, {@code /deploy-now}): decide on GitHub's
 * state, store the override as a marker (in this command's reply when asked on the PR, else on the PR), answer.
 * Same authorization as {@code /hold cancel}.
 */
abstract class OverrideCommand implements Command {
    protected final DeployOverrides overrides;
    private final Replies replies;

    OverrideCommand(DeployOverrides overrides, Replies replies) {
        this.overrides = overrides;
        this.replies = replies;
    }

    /** What the command decided for this invocation. */
    abstract DeployOverrides.Outcome decide(CommandInvocation inv);

    /** The reply's visible text. */
    abstract String text(DeployOverrides.Outcome o);

    /** The marker that stores the override, when the outcome granted one. */
    abstract Optional<String> markerOf(DeployOverrides.Outcome o);

    @Override
    public Set<Role> whoCan(RepoConfig config) {
        return config.hold().whoCanUnhold();
    }

    @Override
    public void run(CommandInvocation inv) {
        DeployOverrides.Outcome o = decide(inv);
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
}
