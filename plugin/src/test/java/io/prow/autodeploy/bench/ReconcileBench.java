package io.prow.autodeploy.bench;

import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.SandboxServer;

/**
 * A sweep over many repositories, each with one open autobump PR: the first one (at start-up, cold caches, every
 * PR gets its status and label), the next one (it reads back its own writes: the PR, its status and the listing
 * changed, so those answers are new) and a steady one (nothing changed since). On the in-memory GitHub (port
 * calls, the plugin's own time) and through the real adapter against the sandbox REST server (HTTP requests,
 * 304s, and the wall time with real HTTP and JSON in it; the sandbox runs in the same JVM and shares the CPUs).
 */
final class ReconcileBench {
    static final int REPOS = 50;

    record Sweep(double millis, Cost cost) {}

    /** {@code labelled}: how many repos ended with their autobump PR labelled for deploy (sanity: all of them). */
    record Result(Sweep cold, Sweep next, Sweep steady, long labelled) {}

    static Result portCalls() throws Exception {
        BenchWorld world = new BenchWorld(REPOS);
        return sweeps(world, world.gh, Cost.portCalls(world.gh));
    }

    static Result httpRequests() throws Exception {
        BenchWorld world = new BenchWorld(REPOS);
        try (SandboxServer sandbox = SandboxServer.start(world.gh, 0)) {
            Cost.HttpCounter counter = new Cost.HttpCounter();
            return sweeps(world, world.realAdapter(sandbox.url(), counter), counter);
        }
    }

    private static Result sweeps(BenchWorld world, GitHub github, Cost.Meter meter) throws Exception {
        try (PluginApp app = world.app(github, Metrics.fresh(), -1)) {
            Sweep cold = timed(meter, () -> {
                app.start();
                BenchWorld.settle(app, world.clock);
            });
            // The periodic sweep as the scheduler runs it: reconcile, then look for unanswered commands.
            Sweep next = timed(meter, () -> {
                app.sweep();
                BenchWorld.settle(app, world.clock);
            });
            Sweep steady = timed(meter, () -> {
                app.sweep();
                BenchWorld.settle(app, world.clock);
            });
            long labelled = world.repos.stream().map(world::openBump)
                    .filter(pr -> pr != null && pr.labels().contains("autodeploy/ready")).count();
            return new Result(cold, next, steady, labelled);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Sweep timed(Cost.Meter meter, Work work) throws Exception {
        Cost before = meter.total();
        long t0 = System.nanoTime();
        work.run();
        return new Sweep((System.nanoTime() - t0) / 1e6, meter.total().minus(before));
    }
}
