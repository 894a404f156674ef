package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PullRequest;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Holds live on GitHub only: the hold label (the same one Prow's hold plugin and Tide's missingLabels use) on the
 * latest autobump PR, plus our marker comment with who and why. With no open bump the hold goes on the newest
 * closed one, and {@link HoldCarrier} moves it to the next bump. Each change runs under the PR's reconcile lock
 * and ends with a reconcile, so the merge labels and status follow at once.
 */
public final class Holds implements DeployHolds {
    private final GitHub gh;
    private final DeployReconciler reconciler;
    private final Clock clock;

    public Holds(GitHub gh, DeployReconciler reconciler, Clock clock) {
        this.gh = gh;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    @Override
    public Optional<PullRequest> hold(RepoConfig c, String by, String reason) {
        List<PullRequest> open = AutobumpPulls.open(gh, c);
        Optional<PullRequest> target = open.isEmpty() ? AutobumpPulls.latest(gh, c)
                : open.stream().max(Comparator.comparingInt(PullRequest::number));
        if (target.isEmpty()) {
            return Optional.empty();
        }
        PullRequest pr = target.get();
        reconciler.withLock(c, pr.number(), () -> {
            HoldInfo wanted = new HoldInfo(by, reason, clock.instant());
            Optional<HoldInfo> current = pr.hasLabel(c.hold().label())
                    ? HoldMarker.latest(gh.comments(c.repo(), pr.number()), gh.botLogin()) : Optional.empty();
            if (!pr.hasLabel(c.hold().label())) {
                gh.addLabels(c.repo(), pr.number(), List.of(c.hold().label()));
            }
            for (String l : c.merge().labels()) {
                if (pr.hasLabel(l)) {
                    gh.removeLabel(c.repo(), pr.number(), l);
                }
            }
            boolean sameHold = current.isPresent() && same(current.get().by(), by)
                    && same(current.get().reason(), reason);
            if (!sameHold) {
                gh.createComment(c.repo(), pr.number(), wanted.describe() + ". Automatic deploys are stopped "
                        + "until someone comments `/hold cancel`; later autobump PRs stay held too.\n"
                        + HoldMarker.marker(wanted, null));
            }
            if (pr.open()) {
                reconciler.reconcile(c, pr.number());
            }
            return null;
        });
        return target;
    }

    /**
     * Returns the PR deploys resume on: the held one, or, when nothing is held (any more), the open autobump PR. So
     * a release repeated after a failure half way answers as the first try would have, not "was not held".
     */
    @Override
    public Optional<PullRequest> release(RepoConfig c, String by) {
        String label = c.hold().label();
        List<PullRequest> recent = AutobumpPulls.recent(gh, c);
        List<PullRequest> held = recent.stream().filter(p -> p.hasLabel(label)).toList();
        for (PullRequest pr : held) {
            reconciler.withLock(c, pr.number(), () -> {
                gh.removeLabel(c.repo(), pr.number(), label);
                if (pr.open()) {
                    reconciler.reconcile(c, pr.number());
                }
                return null;
            });
        }
        return held.stream().filter(PullRequest::open).findFirst().or(() -> held.stream().findFirst())
                .or(() -> recent.stream().filter(PullRequest::open).max(Comparator.comparingInt(PullRequest::number)));
    }

    private static boolean same(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }
}
