package io.prow.autodeploy.alerts;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.RollbackResult;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What the plugin tells people on the merged autobump PR when an alert fires after it: what happened, what was done,
 * and how to undo it. The first version is posted before acting (it is the claim that dedupes the incident) and
 * edited into the final one when done.
 */
final class AutoRollbackComment {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** What the rollback step came to. */
    sealed interface Rollback {
        record Opened(RollbackResult result, String toTag) implements Rollback {}

        record Refused(String message) implements Rollback {}

        record Disabled() implements Rollback {}
    }

    private AutoRollbackComment() {}

    static String claim(RepoConfig config, Deploy deploy, SuspectAlert suspect, IncidentMarker marker) {
        return headline(config, deploy, suspect) + " Holding automatic deploys"
                + (config.alerts().autoRollback() ? " and rolling back" : "") + " now; this comment is updated"
                + " when that is done.\n" + marker.render();
    }

    static String done(RepoConfig config, Deploy deploy, SuspectAlert suspect, Optional<PullRequest> heldOn,
                       Rollback rollback, IncidentMarker marker) {
        StringBuilder b = new StringBuilder(headline(config, deploy, suspect)).append("\n\n");
        b.append("- **Hold**: automatic deploys are held")
                .append(heldOn.map(pr -> " on #" + pr.number()).orElse(" (no autobump PR found to carry it)"))
                .append(", reason: ").append(suspect.holdReason(deploy.tag())).append(".\n");
        String undoRollback = "";
        if (rollback instanceof Rollback.Opened o) {
            PullRequest pr = o.result().pr();
            b.append("- **Rollback**: #").append(pr.number()).append(o.result().created() ? " opened" : " (already open)")
                    .append(" to roll Prow back to `").append(o.toTag()).append("` (from `").append(deploy.tag())
                    .append("`). ").append(config.rollback().merge() == RepoConfig.RollbackMerge.TIDE
                            ? "Tide merges it once its tests pass." : "It needs review and approval to merge.")
                    .append('\n');
            undoRollback = "close #" + pr.number() + " to stay on `" + deploy.tag() + "`, and ";
        } else if (rollback instanceof Rollback.Refused r) {
            b.append("- **Rollback**: not opened. ").append(r.message())
                    .append(" Roll back by hand with `/rollback <tag>` if needed.\n");
        } else {
            b.append("- **Rollback**: automatic rollback is off for this repo (`alerts.autoRollback.enabled`);"
                    + " roll back by hand with `/rollback` if needed.\n");
        }
        b.append("\nIf the alert is unrelated to this deploy: ").append(undoRollback)
                .append("comment `/hold cancel` to resume automatic deploys.\n");
        return b.append(marker.render()).toString();
    }

    static String duplicate(SuspectAlert suspect, String winnerUrl) {
        return "Alert `" + suspect.name() + "`: the same notification reached another replica first; it is handled in "
                + winnerUrl + ".";
    }

    private static String headline(RepoConfig config, Deploy deploy, SuspectAlert suspect) {
        ZoneId zone = config.window().timezone();
        return "Alert `" + suspect.name() + "` started firing at " + WHEN.format(suspect.startsAt().atZone(zone)) + " "
                + zone.getId() + ", " + suspect.afterDeploy().toMinutes() + "m after this PR deployed `" + deploy.tag()
                + "` (within the " + watch(config) + " watched after each deploy).";
    }

    private static String watch(RepoConfig config) {
        return config.alerts().autoRollbackWatch().toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
