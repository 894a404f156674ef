package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PullRequest;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Carries a hold from the previous autobump PR (closed, or merged and held afterwards) to the new one the
 * autobumper opened, so a hold ends only by a release command. Once per PR: the carried hold's comment is a marker,
 * and a PR that has one is never carried to again (so removing the label by hand on the new PR is respected).
 */
public final class HoldCarrier {
    private final GitHub gh;
    private final Clock clock;

    public HoldCarrier(GitHub gh, Clock clock) {
        this.gh = gh;
        this.clock = clock;
    }

    /**
     * True when it put the hold on {@code pr}. Costs nothing unless the newest earlier autobump PR was held. The label
     * goes first (it is what stops Tide) and the marker comment second; a carry cut short between the two is
     * finished by the next reconcile, which is why a labelled PR is still checked for its marker.
     */
    public boolean carryIfNeeded(RepoConfig c, PullRequest pr, List<PullRequest> recentlyClosed) {
        String label = c.hold().label();
        if (!pr.open()) {
            return false;
        }
        Optional<PullRequest> previous = recentlyClosed.stream()
                .filter(p -> p.number() < pr.number() && AutobumpPulls.looksLikeAutobump(c, p))
                .max(Comparator.comparingInt(PullRequest::number));
        // Merged or not: with no bump open, a hold (by oncall or an alert after a bad deploy) sits on the newest
        // autobump PR, which is often the merged one. Tide never merges a held PR, so a merged PR carrying the
        // label was held afterwards, for the bumps to come.
        if (previous.isEmpty() || !previous.get().hasLabel(label)) {
            return false;
        }
        List<Comment> mine = gh.comments(c.repo(), pr.number());
        if (mine.stream().anyMatch(cm -> gh.botLogin().equals(cm.author()) && HoldMarker.isCarryMarker(cm.body()))) {
            return false;
        }
        HoldInfo old = HoldMarker.latest(gh.comments(c.repo(), previous.get().number()), gh.botLogin())
                .orElse(new HoldInfo(null, "carried from #" + previous.get().number(), clock.instant()));
        if (!pr.hasLabel(label)) {
            gh.addLabels(c.repo(), pr.number(), List.of(label));
        }
        Comment posted = gh.createComment(c.repo(), pr.number(), "Deploys are still held (carried over from #"
                + previous.get().number() + "). " + Holds.inert(old.describe()) + "\n\nComment `/hold cancel` to resume deploys.\n"
                + HoldMarker.marker(old, previous.get().number()));
        Holds.yieldToOlder(gh, c.repo(), pr.number(), posted, (older, all) -> HoldMarker.isCarryMarker(older.body()));
        return true;
    }
}
