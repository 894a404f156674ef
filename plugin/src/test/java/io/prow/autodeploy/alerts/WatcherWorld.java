package io.prow.autodeploy.alerts;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.commands.Holds;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Gates;
import io.prow.autodeploy.deploy.reconcile.Applier;
import io.prow.autodeploy.deploy.reconcile.DeployObserver;
import io.prow.autodeploy.deploy.reconcile.DeployReconciler;
import io.prow.autodeploy.deploy.reconcile.SnapshotReader;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.ProwManifests;
import io.prow.autodeploy.rollback.RollbackTitle;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.TestConfig;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * test-infra in the sandbox for the auto-rollback watcher: A, B and C deployed a day apart by merged autobump PRs
 * (by default), the last merged at {@link #C_MERGED}, the next bump open. Holds are the real ones (label + marker comment + reconcile), so
 * tests count what GitHub would show. Alertmanager is never asked here: the gate's source answers "quiet".
 */
final class WatcherWorld {
    static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");
    static final String BOT = "autodeploy-bot";
    static final String A = "v20261119-0a1b2c3d4e";
    static final String B = "v20261120-bbbbbbbbb";
    static final String C = "v20261121-c0ffee1234";
    static final String NEXT = "v20261124-1a2b3c4d5e";
    static final Instant C_MERGED = Instant.parse("2026-11-23T17:00:00Z");
    static final String HOLD = "do-not-merge/hold";

    final ManualClock clock = ManualClock.at("2026-11-01T00:00:00Z");
    final InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
    private final TestRepo repo = TestRepo.testInfra(gh).withManifests(ProwManifests::at);
    final RepoConfig config;
    final int mergedC;
    final int openBump;

    WatcherWorld(boolean autoRollback) {
        this(autoRollback, A, B, C);
    }

    /** Each of {@code tags} deployed a day apart, the last one at {@link #C_MERGED}. */
    WatcherWorld(boolean autoRollback, String... tags) {
        this.config = config(autoRollback);
        Map<String, String> files = new LinkedHashMap<>(ProwManifests.at(tags[0]));
        files.putAll(ProwManifests.untouchable(tags[0]));
        repo.create(files);
        clock.set(C_MERGED.minus(Duration.ofDays(tags.length - 1)));
        int last = 0;
        for (String tag : tags) {
            last = merge(tag);
            clock.advance(Duration.ofDays(1));
        }
        mergedC = last;
        clock.set(C_MERGED.plus(Duration.ofMinutes(1)));
        openBump = repo.openBump(NEXT);
        gh.resetCalls();
    }

    static RepoConfig config(boolean autoRollback) {
        return TestConfig.defaultsOnly().set("window.timezone", "America/Los_Angeles")
                .alertmanager("http://127.0.0.1:9/", "severity=~\"critical|high\"", "job=~\"hook|tide|plank\"")
                .autoRollback(autoRollback, "1h").repoConfig();
    }

    /** The watcher as the plugin builds it, over {@code github} (the sandbox, or a wrapper around it). */
    AutoRollbackWatcher watcher(GitHub github) {
        AlertSource quiet = new AlertSource((url, matchers, timeout) -> List.of(), Ticker.systemTicker(),
                AlertSource.DEFAULT_UNKNOWN_TTL);
        DeployReconciler reconciler = new DeployReconciler(github, github, github,
                new SnapshotReader(github, github, github, github, quiet), Gates.standard(),
                new Applier(github, github, github, ""), clock, DeployObserver.NONE);
        return new AutoRollbackWatcher(github, github, github, github, github,
                new Holds(github, github, github, reconciler, clock));
    }

    AutoRollbackWatcher watcher() {
        return watcher(gh);
    }

    int merge(String tag) {
        return repo.mergedBump(tag);
    }

    List<PullRequest> rollbackPrs() {
        return gh.peekAll(REPO).stream().filter(p -> p.headRef().startsWith(RollbackTitle.BRANCH_PREFIX)).toList();
    }

    /** Every hold comment the bot wrote, on any PR. */
    List<Comment> holdComments() {
        return gh.peekAll(REPO).stream().flatMap(p -> gh.peekComments(REPO, p.number()).stream())
                .filter(c -> BOT.equals(c.author()) && !io.prow.autodeploy.ledger.PrLedger.read(List.of(c), BOT).holds().isEmpty()).toList();
    }

    /** The bot's comments on the merged autobump PR of C that carry an incident marker. */
    List<Comment> incidentComments() {
        return gh.peekComments(REPO, mergedC).stream()
                .filter(c -> BOT.equals(c.author()) && IncidentMarker.parse(c.body()).isPresent()).toList();
    }

    boolean held() {
        return gh.peek(REPO, openBump).hasLabel(HOLD);
    }
}
