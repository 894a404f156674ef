package io.prow.autodeploy.bench;

import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.Metrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /hook} acknowledge latency at a fixed rate of signed irrelevant events: the whole plugin ({@link PluginApp}
 * over the in-memory GitHub) against {@link BareHmacServer}, in the same JVM and run. Both are warmed up first, then
 * measured in alternating rounds (bare, ours / ours, bare / ...) so drift over the run (JIT, GC, a noisy
 * neighbour) falls on both sides alike.
 */
final class HookLatencyBench {
    static final int RATE = 500;
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration ROUND = Duration.ofSeconds(4);
    static final int ROUNDS = 3;

    /** {@code root}: ours at {@code POST /} (hook's default endpoint), one round after the alternating ones. */
    record Result(Latencies bare, Latencies ours, JvmWork bareWork, JvmWork oursWork, int githubCalls,
                  HeapWatch.Heap heap, Latencies root) {}

    static Result run() throws Exception {
        BenchWorld world = new BenchWorld(1);
        PluginApp app = world.app(world.gh, Metrics.fresh(), -1).start();
        try (app; BareHmacServer bare = new BareHmacServer(); OpenLoopLoad load = new OpenLoopLoad()) {
            BenchWorld.settle(app, world.clock); // the start-up sweep has run: the autobump index is fresh
            PullRequest pr = world.openBump(world.repos.get(0));
            List<SignedEvent> events = SignedEvent.irrelevant(pr);
            URI oursUri = hook(app.port());
            URI bareUri = hook(bare.port());
            world.gh.resetCalls();

            load.run(bareUri, events, RATE, WARM_UP);
            load.run(oursUri, events, RATE, WARM_UP);
            List<OpenLoopLoad.Run> bareRuns = new ArrayList<>();
            List<OpenLoopLoad.Run> oursRuns = new ArrayList<>();
            JvmWork[] work = {new JvmWork(0, 0, 0), new JvmWork(0, 0, 0)}; // bare, ours
            HeapWatch.Heap heap;
            try (HeapWatch watch = new HeapWatch()) {
                for (int round = 0; round < ROUNDS; round++) {
                    boolean bareFirst = round % 2 == 0;
                    if (bareFirst) {
                        bareRuns.add(measured(load, bareUri, events, work, 0));
                    }
                    oursRuns.add(measured(load, oursUri, events, work, 1));
                    if (!bareFirst) {
                        bareRuns.add(measured(load, bareUri, events, work, 0));
                    }
                }
                heap = watch.stop();
            }
            URI rootUri = URI.create("http://127.0.0.1:" + app.port() + "/");
            Latencies root = Latencies.of(List.of(load.run(rootUri, events, RATE, ROUND)));
            BenchWorld.settle(app, world.clock);
            int calls = world.gh.readCalls() + world.gh.writeCalls();
            return new Result(Latencies.of(bareRuns), Latencies.of(oursRuns), work[0], work[1], calls, heap, root);
        }
    }

    private static OpenLoopLoad.Run measured(OpenLoopLoad load, URI uri, List<SignedEvent> events, JvmWork[] work,
                                             int side) throws Exception {
        JvmWork before = JvmWork.now();
        OpenLoopLoad.Run run = load.run(uri, events, RATE, ROUND);
        work[side] = work[side].plus(JvmWork.now().minus(before));
        return run;
    }

    private static URI hook(int port) {
        return URI.create("http://127.0.0.1:" + port + "/hook");
    }
}
