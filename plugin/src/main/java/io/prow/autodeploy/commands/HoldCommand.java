package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.ledger.DeployHolds;
import io.prow.autodeploy.ledger.PeoplesText;
import java.util.List;
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

    /** Reasons are capped so a hold's comment stays far below GitHub's 65,536-character limit for a comment body. */
    static final int MAX_REASON = 500;

    @Override
    public void run(CommandInvocation inv) {
        String reason = capped(inv.args());
        DeployHolds.Outcome o = holds.hold(inv.config(), new DeployHolds.Request(inv.author(), reason,
                inv.postedAt(), inv.number(), inv.comment().id()));
        // The reason is people's text: shown escaped (an @team in it must not be pinged again by the bot).
        String why = reason.isBlank() ? "" : " (" + PeoplesText.escape(reason) + ")";
        String cut = reason.length() < inv.args().length()
                ? " The reason was cut to its first " + MAX_REASON + " characters." : "";
        String text;
        if (o.pr().isEmpty()) {
            text = "there is no autobump PR yet; nothing to hold" + why + ".";
        } else if (o.overruledBy().isPresent()) {
            text = "not held: a `/hold cancel` posted later (" + CommandRecovery.when(o.overruledBy().get())
                    + ") released deploys after this command.";
        } else if (o.pr().get().number() == inv.number()) {
            text = "automatic deploys are held" + why + ". Comment `/hold cancel` to resume.";
        } else {
            text = "automatic deploys are held" + why + " on the latest autobump PR " + o.pr().get().htmlUrl()
                    + ". Comment `/hold cancel` to resume.";
        }
        // On the held PR the reply is the hold's record too: one comment per command.
        if (o.recordForReply().isPresent()) {
            replies.reply(inv, text + cut, o.recordForReply().get());
            holds.recorded(inv.config(), o.pr().get().number());
        } else {
            replies.reply(inv, text + cut);
        }
    }

    /** At most {@link #MAX_REASON} characters, never cutting a character in two. */
    static String capped(String reason) {
        String r = reason == null ? "" : reason;
        if (r.codePointCount(0, r.length()) <= MAX_REASON) {
            return r;
        }
        return r.substring(0, r.offsetByCodePoints(0, MAX_REASON));
    }
}
