package io.prow.autodeploy.bench;

import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.SandboxServer;
import io.prow.autodeploy.testing.Payloads;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub calls per decision, counted over one short story of a single autobump PR, told twice: once with the
 * plugin on the in-memory GitHub (port calls) and once with the plugin's real adapter (kohsuke over OkHttp and its
 * ETag cache) against the sandbox GitHub REST server, which answers 304 to a matching If-None-Match as GitHub does.
 */
final class GitHubCostBench {
    static final String START = "start-up sweep: list + decide (cold caches)";
    static final String NEW_HEAD = "decision on a new head (force-push)";
    static final String WARM = "warm decision: new CI status on the head";
    static final String WARM_SAME = "warm decision: status redelivered, nothing new";
    static final String COMMENT = "irrelevant: comment without a command";
    static final String UNKNOWN_SHA = "irrelevant: status on an unknown SHA";

    record Step(String name, Cost cost) {}

    /**
     * Steps in order, whether the story ended as it should (the PR labelled for deploy on its final head), and the
     * port calls by method of the decision on a new head, where the tag is read from the diff (in-memory run only).
     */
    record Result(List<Step> steps, boolean deployedAtTheEnd, java.util.Map<String, Integer> newHeadCalls) {
        Cost cost(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().cost();
        }
    }

    static Result portCalls() throws Exception {
        BenchWorld world = new BenchWorld(1);
        return story(world, world.gh, Cost.portCalls(world.gh));
    }

    static Result httpRequests() throws Exception {
        BenchWorld world = new BenchWorld(1);
        try (SandboxServer sandbox = SandboxServer.start(world.gh, 0)) {
            Cost.HttpCounter counter = new Cost.HttpCounter();
            return story(world, world.realAdapter(sandbox.url(), counter), counter);
        }
    }

    private static Result story(BenchWorld world, GitHub github, Cost.Meter meter) throws Exception {
        RepoRef repo = world.repos.get(0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Step> steps = new ArrayList<>();
        try (PluginApp app = world.app(github, Metrics.fresh(), -1)) {
            Cost before = meter.total();
            app.start();
            BenchWorld.settle(app, world.clock);
            steps.add(new Step(START, meter.total().minus(before)));

            PullRequest pr = world.bump(repo, "v20261125-9f8e7d6c5b");
            java.util.Map<String, Integer> callsBefore = world.gh.calls();
            steps.add(measure(NEW_HEAD, world, app, meter, http,
                    SignedEvent.of("pull_request", Payloads.pullRequest("synchronize", pr))));
            java.util.Map<String, Integer> newHead = new java.util.TreeMap<>();
            world.gh.calls().forEach((m, n) -> {
                int d = n - callsBefore.getOrDefault(m, 0);
                if (d > 0) {
                    newHead.put(m, d);
                }
            });

            world.gh.setCheck(repo, pr.headSha(), "pull-test-infra-integration", Check.State.SUCCESS);
            SignedEvent status = SignedEvent.of("status",
                    Payloads.status(repo, pr.headSha(), "pull-test-infra-integration", "success"));
            steps.add(measure(WARM, world, app, meter, http, status));
            steps.add(measure(WARM_SAME, world, app, meter, http, status));

            List<SignedEvent> irrelevant = SignedEvent.irrelevant(pr);
            steps.add(measure(COMMENT, world, app, meter, http, irrelevant.get(0)));
            steps.add(measure(UNKNOWN_SHA, world, app, meter, http, irrelevant.get(1)));

            PullRequest end = world.gh.peek(repo, pr.number());
            Check ours = world.gh.peekChecks(repo, end.headSha()).get("autodeploy");
            boolean deployed = end.labels().contains("autodeploy/ready") && ours != null
                    && ours.state() == Check.State.SUCCESS;
            return new Result(steps, deployed, newHead);
        }
    }

    private static Step measure(String name, BenchWorld world, PluginApp app, Cost.Meter meter, HttpClient http,
                                SignedEvent event) throws Exception {
        Cost before = meter.total();
        int status = event.send(http, app.port(), "bench-" + name.hashCode());
        if (status != 200) {
            throw new IllegalStateException(name + ": /hook answered " + status);
        }
        BenchWorld.settle(app, world.clock);
        return new Step(name, meter.total().minus(before));
    }
}
