package io.prow.autodeploy.deploy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollback.DeployHistory;
import java.util.List;
import java.util.Optional;

/**
 * All reads one deploy decision needs, in one place so their cost is visible: the PR (1), its files (0 when the
 * head SHA is unchanged: cached per SHA, since a SHA's files never change), the head's statuses and check runs (1),
 * recently closed PRs for the last deploy (1), our hold comment only while held (1). Alerts come from a cached
 * source. That is 3 port calls on the warm path.
 */
public final class SnapshotReader {
    private final GitHub gh;
    private final AlertSource alerts;
    private final Cache<String, List<String>> filesBySha = Caffeine.newBuilder().maximumSize(2_000).build();

    public SnapshotReader(GitHub gh, AlertSource alerts) {
        this.gh = gh;
        this.alerts = alerts;
    }

    /** Empty when the PR does not look like an autobump PR: nothing more is read and nothing will be written. */
    public Optional<Reading> read(RepoConfig c, int number) {
        PullRequest pr = gh.pullRequest(c.repo(), number);
        if (!AutobumpPulls.looksLikeAutobump(c, pr)) {
            return Optional.empty();
        }
        return Optional.of(readFor(c, pr));
    }

    public Reading readFor(RepoConfig c, PullRequest pr) {
        List<String> files = filesBySha.get(c.repo() + "#" + pr.number() + "@" + pr.headSha(),
                k -> gh.changedFiles(c.repo(), pr.number()));
        var checks = gh.checks(c.repo(), pr.headSha());
        List<PullRequest> closed = AutobumpPulls.recentlyClosed(gh, c);
        Optional<Deploy> last = DeployHistory.fromPulls(c, closed).stream().findFirst();
        Optional<HoldInfo> hold = pr.hasLabel(c.hold().label())
                ? Optional.of(HoldMarker.latest(gh.comments(c.repo(), pr.number()), gh.botLogin())
                        .orElse(new HoldInfo(null, null, null)))
                : Optional.empty();
        Snapshot s = new Snapshot(c, pr, files, checks, last, hold, alerts.state(c));
        return new Reading(s, closed);
    }
}
