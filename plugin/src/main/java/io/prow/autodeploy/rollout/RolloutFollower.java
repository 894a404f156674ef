package io.prow.autodeploy.rollout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Checks;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollback.DeployHistory;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reads behind a rollout state: the latest deploy from the closed PRs a decision reads anyway (0 calls), the
 * statuses and check runs on its merge commit (1 call, answered from the ETag cache while nothing changes) and
 * Prometheus (cached, {@link RunningImagesSource}). A deploy whose running was recorded on its merge commit never
 * changes again: it is remembered per merge commit and costs nothing more.
 */
public final class RolloutFollower {
    private final Checks checks;
    private final RunningImagesSource images;
    private final Clock clock;
    private final Cache<String, RolloutState> settled = Caffeine.newBuilder().maximumSize(1_000).build();

    public RolloutFollower(Checks checks, RunningImagesSource images, Clock clock) {
        this.checks = checks;
        this.images = images;
        this.clock = clock;
    }

    public RolloutState follow(RepoConfig c, List<PullRequest> recentlyClosed) {
        Optional<Deploy> latest = DeployHistory.fromPulls(c, recentlyClosed).stream().findFirst();
        if (!c.rollout().enabled() || latest.isEmpty()) {
            return RolloutState.notFollowed(latest);
        }
        Deploy d = latest.get();
        Optional<String> sha = mergeSha(recentlyClosed, d);
        if (sha.isEmpty()) {
            return RolloutTracker.unknown(d, "merge commit of #" + d.number() + " not known");
        }
        String key = c.repo() + "@" + sha.get() + " " + d.tag();
        RolloutState done = settled.getIfPresent(key);
        if (done != null) {
            return done;
        }
        List<Check> checks = this.checks.checks(c.repo(), sha.get());
        boolean recorded = RolloutTracker.recorded(c, d, checks).isPresent();
        RolloutState s = RolloutTracker.follow(c, latest, checks, recorded ? ImagesAnswer.NOT_ASKED : images.images(c),
                clock.instant());
        if (s.recorded()) {
            settled.put(key, s);
        }
        return s;
    }

    static Optional<String> mergeSha(List<PullRequest> closed, Deploy d) {
        return closed.stream().filter(pr -> pr.number() == d.number()).map(PullRequest::mergeCommitSha)
                .filter(Objects::nonNull).findFirst();
    }
}
