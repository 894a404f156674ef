package io.prow.autodeploy.metrics.status;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deploy history driven through the whole plugin (signed webhooks over loopback, the in-memory GitHub) for the
 * status board, metrics, status page and browser tests, plus readers of the exported metric series.
 */
public final class StatusScenario {
    public static final String REPO = PluginHarness.REPO.toString();

    public final PluginHarness h;

    private StatusScenario(PluginHarness h) {
        this.h = h;
    }

    /** The plugin on the embedded default config (Mon-Fri 09:00-17:00 America/Los_Angeles, 1h pacing). */
    public static StatusScenario start(ManualClock clock) throws Exception {
        return new StatusScenario(new PluginHarness(clock, PluginHarness.defaultConfig(), seeded(clock)));
    }

    /** As {@link #start}, but GitHub's PR listing fails during start-up: the plugin has seen nothing yet. */
    public static StatusScenario startWhileGitHubFails(ManualClock clock) throws Exception {
        InMemoryGitHub gh = seeded(clock);
        gh.failNext("pullRequests", 100, new io.prow.autodeploy.github.GitHubException(502, "Bad Gateway"));
        return new StatusScenario(new PluginHarness(clock, PluginHarness.defaultConfig(), gh));
    }

    private static InMemoryGitHub seeded(ManualClock clock) {
        InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
        TestRepo.testInfra(gh).create("v20261118-a1b2c3d4e5").oncall("alice");
        return gh;
    }

    /** A second process over the same GitHub: what a restart looks like. */
    public StatusScenario restart() throws Exception {
        h.close();
        return new StatusScenario(new PluginHarness(h.clock, PluginHarness.defaultConfig(), h.gh));
    }

    /** The autobumper opens a bump, CI is green, hook forwards the event. */
    public PullRequest openGreenBump(String tag) throws Exception {
        PullRequest pr = h.gh.peek(PluginHarness.REPO, TestRepo.testInfra(h.gh).openGreenBump(tag));
        h.send("pull_request", Payloads.pullRequest("opened", pr));
        h.settle();
        return pr;
    }

    /** Tide merges: GitHub sends the closed (merged) PR and the push to the base branch. */
    public void merge(PullRequest pr) throws Exception {
        h.gh.merge(pr.repo(), pr.number());
        h.send("pull_request", Payloads.pullRequest("closed", now(pr)));
        h.send("push", Payloads.push(pr.repo(), "refs/heads/master", h.gh.branchSha(pr.repo(), "master")
                .orElseThrow()));
        h.settle();
    }

    public static final String DEPLOYED = "v20261125-1a2b3c4d5e";
    public static final String PENDING = "v20261125-9f8e7d6c5b";
    /** Hold reasons are typed by people: markup in one must show as text. */
    public static final String HOLD_REASON = "<b>hook</b> is crashlooping & \"paging\"";

    /**
     * Wednesday in the window: {@link #DEPLOYED} merged at 18:10Z; {@link #PENDING} opened at 18:40Z (pacing
     * closed until 19:10Z) and held by @alice at 18:45Z. Returns the held PR. Start the clock at 18:00Z.
     */
    public PullRequest deployedThenHeld() throws Exception {
        PullRequest first = openGreenBump(DEPLOYED);
        h.clock.set(java.time.Instant.parse("2026-11-25T18:10:00Z"));
        merge(first);
        h.clock.set(java.time.Instant.parse("2026-11-25T18:40:00Z"));
        PullRequest second = openGreenBump(PENDING);
        h.clock.set(java.time.Instant.parse("2026-11-25T18:45:00Z"));
        comment(second, "alice", "/hold " + HOLD_REASON);
        return now(second);
    }

    public void comment(PullRequest pr, String author, String body) throws Exception {
        Comment c = h.gh.comment(pr.repo(), pr.number(), author, body);
        h.send("issue_comment", Payloads.issueComment(pr.repo(), pr.number(), true, c, "User"));
        h.settle();
    }

    public PullRequest now(PullRequest pr) {
        return h.gh.peek(pr.repo(), pr.number());
    }

    public Metrics metrics() {
        return h.app.metrics;
    }

    /** Every series of the version gauge: tag → value. A deploy must leave exactly one. */
    public Map<String, Double> versionSeries() {
        Map<String, Double> out = new TreeMap<>();
        for (GaugeSnapshot.GaugeDataPointSnapshot p : metrics().deployedVersion.collect().getDataPoints()) {
            out.put(p.getLabels().get("tag"), p.getValue());
        }
        return out;
    }

    /** Gate name → value of {@code autodeploy_gate_open} for the repo. */
    public Map<String, Double> gateSeries() {
        Map<String, Double> out = new TreeMap<>();
        for (GaugeSnapshot.GaugeDataPointSnapshot p : metrics().gateOpen.collect().getDataPoints()) {
            out.put(p.getLabels().get("gate"), p.getValue());
        }
        return out;
    }

    public double deploys(String kind) {
        return find(metrics().deploys.collect().getDataPoints(), Labels.of("kind", kind, "repo", REPO))
                .map(CounterSnapshot.CounterDataPointSnapshot::getValue).orElse(0.0);
    }

    public double gauge(io.prometheus.metrics.core.metrics.Gauge g) {
        return find(g.collect().getDataPoints(), Labels.of("repo", REPO))
                .map(GaugeSnapshot.GaugeDataPointSnapshot::getValue).orElseThrow();
    }

    public Optional<HistogramSnapshot.HistogramDataPointSnapshot> leadTime() {
        return find(metrics().leadTimeSeconds.collect().getDataPoints(), Labels.of("repo", REPO));
    }

    private static <T extends DataPointSnapshot> Optional<T> find(List<T> points, Labels labels) {
        return points.stream().filter(p -> p.getLabels().equals(labels)).findFirst();
    }
}
