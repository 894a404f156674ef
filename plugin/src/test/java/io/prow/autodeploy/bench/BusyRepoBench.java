package io.prow.autodeploy.bench;

import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.SandboxServer;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.TestRepo;
import java.net.http.HttpClient;


/**
 * Issue 13: a warm decision on an autobump PR with 300 comments in a repo with 1,000 other closed PRs, against the
 * same decision in a fresh repo (no other PRs, no comments), through the real adapter (kohsuke, OkHttp, ETag cache)
 * and the sandbox REST server. The history is found by head branch and the ledger read once, so the busy repo may
 * cost more requests only for the comment pages, all answered 304.
 */
final class BusyRepoBench {
    static final int COMMENTS = 300;
    static final int OTHER_CLOSED = 1_000;

    record Result(Cost fresh, Cost busy) {
        double ratio() {
            return busy.calls() / (double) Math.max(1, fresh.calls());
        }
    }

    private BusyRepoBench() {}

    static Result run() throws Exception {
        return new Result(warmDecision(0, 0), warmDecision(COMMENTS, OTHER_CLOSED));
    }

    private static Cost warmDecision(int comments, int otherClosed) throws Exception {
        BenchWorld world = new BenchWorld(1);
        RepoRef repo = world.repos.get(0);
        PullRequest pr = world.openBump(repo);
        TestRepo.testInfra(world.gh).named(repo).otherWorkClosed(otherClosed);
        for (int i = 0; i < comments; i++) {
            world.gh.comment(repo, pr.number(), "dev" + (i % 5), "Looks good to me, " + i + ".");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (SandboxServer sandbox = SandboxServer.start(world.gh, 0)) {
            Cost.HttpCounter counter = new Cost.HttpCounter();
            try (PluginApp app = world.app(world.realAdapter(sandbox.url(), counter), Metrics.fresh(), -1)) {
                app.start();
                BenchWorld.settle(app, world.clock);
                // One decision reads back the plugin's own start-up writes (label, status): warm from then on.
                send(http, app, repo, pr, "pull-test-infra-unit", "bench-warm-up-" + comments);
                BenchWorld.settle(app, world.clock);
                world.gh.setCheck(repo, pr.headSha(), "pull-test-infra-integration", Check.State.SUCCESS);
                Cost before = counter.total();
                send(http, app, repo, pr, "pull-test-infra-integration", "bench-busy-" + comments);
                BenchWorld.settle(app, world.clock);
                return counter.total().minus(before);
            }
        }
    }

    private static void send(HttpClient http, PluginApp app, RepoRef repo, PullRequest pr, String context, String id)
            throws Exception {
        int status = SignedEvent.of("status", Payloads.status(repo, pr.headSha(), context, "success"))
                .send(http, app.port(), id);
        if (status != 200) {
            throw new IllegalStateException("/hook answered " + status);
        }
    }
}
