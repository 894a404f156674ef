package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.ledger.DeployHolds;
import java.util.List;
import java.util.Set;

/** {@code /hold cancel}, {@code /unhold}, {@code /remove-hold}: resume automatic deploys. Checked before /hold. */
public final class UnholdCommand implements Command {
    private final DeployHolds holds;
    private final Replies replies;

    public UnholdCommand(DeployHolds holds, Replies replies) {
        this.holds = holds;
        this.replies = replies;
    }

    static final CommandSpec SPEC = new CommandSpec("hold",
            // Prow's cancel regex (see CommandWord): "hold cancel" allows any run of RE2 spaces, newlines included.
            CommandWord.prowHold("remove-hold", "hold cancel", "unhold"), "/hold cancel",
            "Resumes automatic deploys (also /unhold, /remove-hold); the gates are evaluated again at once.",
            List.of("/hold cancel", "/unhold"));

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
        DeployHolds.Outcome o = holds.release(inv.config(), new DeployHolds.Request(inv.author(), null,
                inv.postedAt(), inv.number()));
        if (o.overruledBy().isPresent()) {
            replies.reply(inv, "deploys stay held: a `/hold` posted later ("
                    + CommandRecovery.when(o.overruledBy().get()) + ") holds them after this command.");
            return;
        }
        replies.reply(inv, o.pr().isEmpty() ? "deploys were not held."
                : "automatic deploys resume on " + o.pr().get().htmlUrl() + " as soon as every gate is open.");
    }
}
