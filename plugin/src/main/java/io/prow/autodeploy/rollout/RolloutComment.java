package io.prow.autodeploy.rollout;

import io.prow.autodeploy.ledger.InertText;
import io.prow.autodeploy.rollback.Deploy;
import java.util.Optional;

/** What we say on the merged PR when its rollout fails or sticks, and when its deploy job later passes. */
final class RolloutComment {
    private RolloutComment() {}

    /** The hold reason: short, it ends up in a commit status too. */
    static String holdReason(RolloutState s) {
        String tag = s.deploy().map(Deploy::tag).orElse("?");
        return s.phase() == RolloutState.Phase.FAILED
                ? "rollout of " + tag + " failed: " + s.failedJob().map(j -> InertText.of(j.context())).orElse("?")
                : "rollout of " + tag + " stuck: " + InertText.of(s.detail());
    }

    static String broken(RolloutState s, Optional<String> rollbackTo, Optional<Integer> heldOn) {
        Deploy d = s.deploy().orElseThrow();
        StringBuilder b = new StringBuilder();
        if (s.phase() == RolloutState.Phase.FAILED) {
            RolloutState.FailedJob job = s.failedJob().orElseThrow();
            b.append("**Rollout of `").append(d.tag()).append("` failed**: the deploy job `")
                    .append(InertText.of(job.context())).append("` failed on the merge commit");
            safeUrl(job.url()).ifPresent(u -> b.append(" ([job](").append(u).append("))"));
            b.append(".\n\n");
        } else {
            b.append("**Rollout of `").append(d.tag()).append("` is stuck**: ").append(InertText.of(s.detail()));
            if (!s.notOnTag().isEmpty()) {
                b.append(" (containers not on the tag: ").append(InertText.of(String.join(", ", s.notOnTag())))
                        .append(')');
            }
            b.append(".\n\n");
        }
        b.append("- **Hold**: automatic deploys are held")
                .append(heldOn.map(n -> " on #" + n).orElse(""))
                .append(" so the next bump does not land on top.\n");
        b.append("- **Roll back**: comment `/rollback ")
                .append(rollbackTo.orElse("<tag>")).append("` to go back to the version that ran before.\n");
        b.append("- **Resume**: once Prow runs what it should, comment `/hold cancel`.\n");
        RolloutMarker.State state = s.phase() == RolloutState.Phase.FAILED
                ? RolloutMarker.State.FAILED : RolloutMarker.State.STUCK;
        return b.append(new RolloutMarker(d.tag(), state).render()).toString();
    }

    /** The first comment, with a note that the job passed when re-run: the hold stays until someone releases it. */
    static String retried(String original, String context) {
        String body = original.replaceAll("<!-- autodeploy:rollout tag=(\\S+) state=\\w+ -->",
                "<!-- autodeploy:rollout tag=$1 state=retried -->");
        int at = body.indexOf("<!-- autodeploy:rollout");
        return body.substring(0, at) + "- **Update**: `" + InertText.of(context) + "` passed on retry. The hold"
                + " stays until oncall releases it with `/hold cancel`.\n" + body.substring(at);
    }

    private static Optional<String> safeUrl(String url) {
        return url != null && url.matches("https?://[^\\s()<>\\[\\]`]{1,500}") ? Optional.of(url) : Optional.empty();
    }
}
