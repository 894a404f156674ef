package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.config.DeployWindow;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.FailedTests;
import io.prow.autodeploy.deploy.gates.GateResult;
import io.prow.autodeploy.deploy.gates.HoldGate;
import io.prow.autodeploy.deploy.gates.PrMarkers;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.gates.TestsGate;
import io.prow.autodeploy.deploy.gates.TrustedGate;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.ledger.InertText;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a failed required test of a trusted, unheld autobump PR inside the deploy window by commenting Prow's
 * {@code /retest} (which reruns only the failed jobs): at most {@code retest.max} times per head SHA and
 * {@code retest.backoff} apart. Outside the window nothing happens: the next bump brings a new SHA anyway. The
 * count is our marker comments on the PR, read under the PR's reconcile lock, so a redelivered event or a second
 * replica sees the retest already made and does not make another.
 */
final class FlakyRetrier {
    private static final Logger LOG = LoggerFactory.getLogger(FlakyRetrier.class);

    private final Comments comments;

    FlakyRetrier(Comments comments) {
        this.comments = comments;
    }

    /** The snapshot with the retest counted, when it commented {@code /retest}. */
    Optional<Snapshot> retestIfFlaky(Snapshot s, Decision d, Instant now) {
        RepoConfig.Retest cfg = s.config().retest();
        PrMarkers.Retests done = s.markers().retests();
        if (cfg.max() == 0 || !s.markers().read() || done.count() >= cfg.max()
                || !open(d, TrustedGate.NAME) || !open(d, HoldGate.NAME)
                || !new DeployWindow(s.config().window()).isOpen(now)) {
            return Optional.empty();
        }
        List<String> failed = FailedTests.of(s);
        if (failed.isEmpty() || done.last().filter(t -> now.isBefore(t.plus(cfg.backoff()))).isPresent()) {
            return Optional.empty();
        }
        int n = done.count() + 1;
        String sha = s.pr().headSha();
        String contexts = failed.stream().map(InertText::of).collect(Collectors.joining(", "));
        String marker = PrMarkers.retestMarker(sha, n);
        var posted = comments.createComment(s.pr().repo(), s.pr().number(),
                "/retest\n\nRetrying failed tests (" + n + "/"
                + cfg.max() + ") on " + TestsGate.shortSha(sha) + ": " + contexts + ". Automatic deploys retry a "
                + "failed test at most " + cfg.max() + " time(s) per commit, "
                + io.prow.autodeploy.config.GoDuration.format(cfg.backoff()) + " apart.\n" + marker);
        // Two replicas can both decide to retry: the later comment steps back, so CI reruns once.
        io.prow.autodeploy.ledger.Duplicates.yieldToOlder(comments, s.pr().repo(), s.pr().number(), posted,
                older -> older.body().contains(marker));
        LOG.info("retest {}/{} of {}#{} at {}: {} failed", n, cfg.max(), s.pr().repo(), s.pr().number(),
                TestsGate.shortSha(sha), failed);
        return Optional.of(s.withMarkers(s.markers().withRetest(now)));
    }

    private static boolean open(Decision d, String gate) {
        return d.results().stream().filter(r -> r.gate().equals(gate)).allMatch(GateResult::open);
    }
}
