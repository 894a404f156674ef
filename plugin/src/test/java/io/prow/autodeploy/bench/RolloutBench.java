package io.prow.autodeploy.bench;

import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.rollout.RolloutFollower;
import io.prow.autodeploy.rollout.RunningImages;
import io.prow.autodeploy.rollout.RunningImagesSource;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.server.StatusJson;
import io.prow.autodeploy.server.StatusPage;
import io.prow.autodeploy.testing.TestConfig;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What following rollouts costs: requests per sweep, and the status page with a long deploy history. */
final class RolloutBench {
    static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");
    static final Instant NOW = Instant.parse("2026-11-30T18:00:00Z");

    private RolloutBench() {}

    record SweepCost(Map<String, Integer> githubCalls, long prometheusQueries) {}

    /** One sweep reconciling {@code prs} PRs of a repo while its last deploy rolls out. */
    static SweepCost sweep(int prs) throws ConfigException {
        ManualClock clock = new ManualClock(NOW);
        InMemoryGitHub gh = new InMemoryGitHub(clock, "bot");
        RepoConfig c = config(true).repos().get(0);
        TestRepo repo = TestRepo.testInfra(gh).create("v20261124-0f0e0d0c0b");
        int n = repo.mergedBump("v20261130-1a2b3c4d5e");
        gh.setCheck(REPO, gh.peek(REPO, n).mergeCommitSha(), "post-test-infra-deploy-prow", Check.State.SUCCESS);
        RunningImagesSource images = new RunningImagesSource((url, q, t) -> new RunningImages(List.of()),
                () -> clock.millis() * 1_000_000L);
        RolloutFollower follower = new RolloutFollower(gh, images, clock);
        List<PullRequest> closed = gh.pullRequests(REPO, new PrQuery(PrQuery.State.CLOSED, "master", null, 100));
        gh.resetCalls();
        for (int i = 0; i < prs; i++) {
            follower.follow(c, closed);
        }
        return new SweepCost(gh.calls(), images.queries());
    }

    /** {@code historyMillis}: the board reading the history (delivery figures computed); {@code pageMillis}: median render. */
    record Page(double historyMillis, double pageMillis) {}

    /** Median render time of {@code GET /} (status model + HTML) with {@code deploys} merged deploys read. */
    static Page page(int deploys, boolean rollout) throws ConfigException {
        PluginConfig pc = config(rollout);
        RepoConfig c = pc.repos().get(0);
        StatusBoard board = new StatusBoard(Metrics.fresh(), new ManualClock(NOW));
        List<PullRequest> closed = new ArrayList<>();
        for (int i = 0; i < deploys; i++) {
            Instant merged = NOW.minus(Duration.ofHours(2L * (deploys - i)));
            String tag = String.format("v20261130-%010x", i);
            closed.add(new PullRequest(REPO, i + 1, "Update Prow to " + tag, "", "k8s-ci-robot", "k8s-ci-robot",
                    "autobump", "sha" + i, "master", false, merged.minus(Duration.ofHours(1)), merged, merged,
                    Set.of(), "https://github.com/" + REPO + "/pull/" + (i + 1), "k8s-ci-robot/" + REPO.name(), "merge" + i));
        }
        long t0 = System.nanoTime();
        board.history(c, closed); // the board computes the delivery figures when it reads the history
        double historyMs = (System.nanoTime() - t0) / 1e6;
        double[] times = new double[200];
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int i = 0; i < times.length; i++) {
                long s = System.nanoTime();
                String html = StatusPage.render(StatusJson.build(pc, board, NOW));
                times[i] = (System.nanoTime() - s) / 1e6;
                if (html.isEmpty()) {
                    throw new AssertionError("empty page");
                }
            }
        }
        Arrays.sort(times);
        return new Page(historyMs, times[times.length / 2]);
    }

    static PluginConfig config(boolean rollout) throws ConfigException {
        TestConfig c = TestConfig.defaultsOnly();
        if (rollout) {
            c.set("rollout.contexts", List.of("post-test-infra-deploy-prow")).set("rollout.prometheus",
                    Map.of("url", "http://prometheus.monitoring:9090", "containers", List.of("hook", "tide", "deck")));
        }
        return c.parse();
    }
}
