package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.deploy.DeployHolds;
import io.prow.autodeploy.github.PullRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /hold [reason]}: stop automatic deploys, on the autobump PR or from anywhere in the repo. */
public final class HoldCommand implements Command {

    private final DeployHolds holds;
    private final Replies replies;

    public HoldCommand(DeployHolds holds, Replies replies) {
        this.holds = holds;
        this.replies = replies;
    }

    static final CommandSpec SPEC = new CommandSpec("hold",
            // Read as Prow's hold plugin reads it (see CommandWord); the reason is the rest of the command's line only
            // (RE2's \s also matches a newline, which would make the next line the reason).
            CommandWord.prowHold("hold"), "/hold [reason]",
            "Stops automatic deploys: holds the latest autobump PR (and the next ones) until /hold cancel.",
            List.of("/hold", "/hold hook is crashlooping since the last bump"));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Set<Role> whoCan(RepoConfig config) {
        return config.hold().whoCanHold();
    }

    @Override
    public void run(CommandInvocation inv) {
        Optional<PullRequest> held = holds.hold(inv.config(), inv.author(), inv.args());
        String why = inv.args().isBlank() ? "" : " (" + inv.args() + ")";
        if (held.isEmpty()) {
            replies.reply(inv, "there is no autobump PR yet; nothing to hold" + why + ".");
        } else if (held.get().number() == inv.number()) {
            replies.reply(inv, "automatic deploys are held" + why + ". Comment `/hold cancel` to resume.");
        } else {
            replies.reply(inv, "automatic deploys are held" + why + " on the latest autobump PR "
                    + held.get().htmlUrl() + ". Comment `/hold cancel` to resume.");
        }
    }
}
