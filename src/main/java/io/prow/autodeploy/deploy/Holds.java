package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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
                Comment posted = gh.createComment(c.repo(), pr.number(), inert(wanted.describe()) + ". Automatic deploys "
                        + "are stopped until someone comments `/hold cancel`; later autobump PRs stay held too.\n"
                        + HoldMarker.marker(wanted, null));
                yieldToOlder(gh, c.repo(), pr.number(), posted, (older, all) -> isSameHold(older, all, by, reason));
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

    /**
     * Text people wrote (a hold reason), made unable to open an HTML comment before we post it: otherwise a reason
     * could carry a forged hidden marker of ours (another holder, a reply to a comment not yet written), and the
     * marker parsers would believe it. GitHub renders {@code &lt;!--} as the text {@code <!--}.
     */
    public static String inert(String peoplesText) {
        return peoplesText == null ? null : peoplesText.replace("<!--", "&lt;!--");
    }

    /** Whether {@code older} is an earlier twin of a comment, given every bot comment before {@code ours}. */
    public interface Twin {
        boolean test(Comment older, List<Comment> botCommentsBefore);
    }

    /**
     * Two replicas handling one event can both read "not there yet" and both post. After posting, the later comment
     * steps back: if an older bot comment on the issue is its twin, ours is deleted, so exactly
     * one stays whatever the interleaving (the oldest never steps back). Returns the older twin, if any.
     */
    public static Optional<Comment> yieldToOlder(GitHub gh, RepoRef repo, int number, Comment ours, Twin twin) {
        List<Comment> before = gh.comments(repo, number).stream()
                .filter(c -> gh.botLogin().equals(c.author()) && c.id() < ours.id()).toList();
        Optional<Comment> older = before.stream().filter(c -> twin.test(c, before)).findFirst();
        if (older.isPresent()) {
            gh.deleteComment(repo, ours.id());
        }
        return older;
    }

    /** The newest hold marker before ours says the same hold: two replicas posted one /hold twice. */
    private static boolean isSameHold(Comment older, List<Comment> before, String by, String reason) {
        Predicate<Comment> holdMarker =
                c -> HoldMarker.parse(c.body()).isPresent() && !HoldMarker.isCarryMarker(c.body());
        Optional<Comment> newest = before.stream().filter(holdMarker).max(Comparator.comparingLong(Comment::id));
        return newest.isPresent() && newest.get().id() == older.id()
                && HoldMarker.parse(older.body()).filter(h -> same(h.by(), by) && same(h.reason(), reason)).isPresent();
    }

    private static boolean same(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }
}
