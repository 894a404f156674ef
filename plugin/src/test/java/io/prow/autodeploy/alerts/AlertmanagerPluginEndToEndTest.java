package io.prow.autodeploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertmanagerNotification.Status;
import io.prow.autodeploy.alerts.AutoRollbackWatcher.Action;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.RollbackTitle;
import io.prow.autodeploy.sandbox.AlertmanagerProcess;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import io.prow.autodeploy.testing.TestRepo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole plugin (over the in-memory GitHub) and a real Alertmanager 0.25 wired as in production: the alert gate
 * asks Alertmanager's API, and Alertmanager notifies {@code POST /alertmanager} with the bearer token from a file.
 * Alertmanager judges alert times by its own wall clock, so the plugin's clock starts at the real time. Waiting for a
 * notification is a future completed by the plugin once it acted on it, bounded by {@link #NOTIFIED_WITHIN}.
 */
@Tag("alertmanager")
class AlertmanagerPluginEndToEndTest {
    static final Duration NOTIFIED_WITHIN = Duration.ofSeconds(15);
    static final String TOKEN = "plugin-e2e-token";
    static final RepoRef REPO = PluginHarness.REPO;
    static final String FILE = TestRepo.FILE;
    static final String IMAGE = TestRepo.IMAGE;
    static final String A = "v20261119-0a1b2c3d4e";
    static final String B = "v20261120-bbbbbbbbb";
    static final String NEXT = "v20261124-1a2b3c4d5e";
    static final Map<String, String> HOOK_DOWN = Map.of("alertname", "HookDown", "severity", "critical", "job", "hook");

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final ManualClock clock = new ManualClock(start);
    final InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");

    @TempDir
    Path dir;
    AlertmanagerProcess am;
    PluginHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        if (am != null) {
            am.close();
        }
    }

    /** Alertmanager notifying the plugin's port, then the plugin asking that Alertmanager. */
    private void startBoth() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        int port = freeLoopbackPort();
        am = AlertmanagerProcess.start(Optional.of(new AlertmanagerProcess.Webhook(
                URI.create("http://127.0.0.1:" + port + "/alertmanager"), tokenFile)));
        PluginApp.Settings t = PluginApp.Settings.forTests();
        PluginApp.Settings settings = new PluginApp.Settings(t.host(), port, t.healthPort(), t.metricsPort(),
                t.maxBodyBytes(), t.statusUrl(), t.workers(), t.queueCapacity(), t.shutdownGrace());
        AlertSource source = new AlertSource(new AlertmanagerClient()::firing, PluginHarness.ticker(clock),
                AlertSource.DEFAULT_UNKNOWN_TTL);
        h = new PluginHarness(clock, config(am.baseUri()), gh, settings, source, Optional.of(tokenFile));
    }

    static String config(URI alertmanager) {
        return TestConfig.defaultsOnly().top("reconcileInterval", "5m")
                .window("UTC", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "00:00-24:00")
                .minInterval("1h")
                .alertmanager(alertmanager.toString(), "severity=~\"critical|high\"", "job=~\"hook|tide|plank\"")
                .set("alerts.timeout", "2s").autoRollback(true, "1h").yaml();
    }

    @Test
    void firingAlertRemovesTheLabelAndResolvingItPutsItBack() throws Exception {
        seed(A);
        startBoth();
        PullRequest pr = openGreenBump(NEXT);
        assertThat(labels(pr)).contains("autodeploy/ready");

        Instant since = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        CompletableFuture<AlertmanagerReceiver.Handled> fired = notified(n -> n.status() == Status.FIRING);
        am.post(HOOK_DOWN, since, Optional.empty());
        fired.get(NOTIFIED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        h.settle();

        assertThat(labels(pr)).doesNotContain("autodeploy/ready");
        assertThat(status(pr)).isEqualTo("Blocked: alert HookDown firing since "
                + DateTimeFormatter.ofPattern("EEE MMM d HH:mm", java.util.Locale.ROOT).format(since.atZone(ZoneOffset.UTC))
                + " UTC");

        CompletableFuture<AlertmanagerReceiver.Handled> resolved = notified(n -> n.status() == Status.RESOLVED);
        am.post(HOOK_DOWN, since, Optional.of(Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS)));
        resolved.get(NOTIFIED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        h.settle();

        assertThat(labels(pr)).contains("autodeploy/ready");
        assertThat(status(pr)).isEqualTo("Deploying " + NEXT + " (all gates open)");
    }

    @Test
    void alertTenMinutesAfterAMergeHoldsAndOpensTheRollbackPr() throws Exception {
        seed(A);
        clock.set(start.minus(Duration.ofDays(1)));
        mergeBump(A);
        clock.set(start.minus(Duration.ofMinutes(10)));
        int deployedB = mergeBump(B);
        clock.set(start);
        startBoth();
        PullRequest next = openGreenBump(NEXT);

        CompletableFuture<AlertmanagerReceiver.Handled> fired = notified(n -> n.status() == Status.FIRING);
        am.post(HOOK_DOWN, start, Optional.empty());
        AlertmanagerReceiver.Handled handled = fired.get(NOTIFIED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        h.settle();

        assertThat(handled.outcomes()).extracting(AutoRollbackWatcher.Outcome::action)
                .containsExactly(Action.HELD_AND_ROLLBACK_OPENED);
        assertThat(labels(next)).contains("do-not-merge/hold").doesNotContain("autodeploy/ready");
        assertThat(status(next)).isEqualTo("Held by @k8s-ci-robot: alert HookDown fired 10m after deploying " + B);
        assertThat(gh.peekAll(REPO)).filteredOn(p -> p.headRef().startsWith(RollbackTitle.BRANCH_PREFIX))
                .singleElement().satisfies(p -> {
                    assertThat(p.title()).isEqualTo("Roll back Prow to " + A + " (from " + B + ")");
                    assertThat(gh.peekTree(REPO, p.headRef()).get(FILE)).contains(IMAGE + A);
                });
        assertThat(gh.peekComments(REPO, deployedB)).extracting(Comment::body)
                .singleElement().asString().contains("Alert `HookDown` started firing").contains("`/hold cancel`");
    }

    @Test
    void stoppedAlertmanagerClosesTheGate() throws Exception {
        seed(A);
        startBoth();
        PullRequest pr = openGreenBump(NEXT);
        assertThat(labels(pr)).contains("autodeploy/ready");

        am.stop();
        // Past the cached answer's 30 s, the periodic sweep asks again (its timer is real time; run it by hand).
        h.advanceTo(start.plus(Duration.ofMinutes(5)).toString());
        h.app.reconcileAll();
        h.settle();

        assertThat(labels(pr)).doesNotContain("autodeploy/ready");
        assertThat(status(pr)).isEqualTo("Blocked: Alertmanager unreachable");
    }

    private CompletableFuture<AlertmanagerReceiver.Handled> notified(Predicate<AlertmanagerNotification> wanted) {
        CompletableFuture<AlertmanagerReceiver.Handled> f = new CompletableFuture<>();
        h.app.alertmanager.orElseThrow().onHandled(x -> {
            if (wanted.test(x.notification())) {
                f.complete(x);
            }
        });
        return f;
    }

    private void seed(String tag) {
        TestRepo.testInfra(gh).create(tag);
    }

    private int mergeBump(String tag) {
        return TestRepo.testInfra(gh).mergedBump(tag);
    }

    private PullRequest openGreenBump(String tag) throws Exception {
        int n = TestRepo.testInfra(gh).openGreenBump(tag);
        PullRequest pr = gh.peek(REPO, n);
        h.send("pull_request", Payloads.pullRequest("opened", gh.peek(REPO, n)));
        h.settle();
        return pr;
    }

    private java.util.Set<String> labels(PullRequest pr) {
        return gh.peek(REPO, pr.number()).labels();
    }

    private String status(PullRequest pr) {
        Check c = gh.peekChecks(REPO, gh.peek(REPO, pr.number()).headSha()).get("autodeploy");
        return c == null ? null : c.description();
    }

    private static int freeLoopbackPort() throws IOException {
        // Alertmanager needs the plugin's URL before the plugin starts; another process could take the port in
        // between, and the plugin's start would then fail loudly.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
