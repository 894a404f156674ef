package io.prow.autodeploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench}: figures measured side by side in one run, printed as one table (and written to
 * {@code target/bench/bench.md}). It judges no timing: targets are printed next to the figures. It only asserts
 * that the run measured what it claims (every request answered 200, no GitHub call under the load, every story
 * ended in the deploy it should), so a figure of a broken run is never printed as a result.
 */
@Tag("bench")
class PluginBenchmark {
    private final BenchTable table = new BenchTable();

    @Test
    void measureAndPrint() throws Exception {
        long t0 = System.nanoTime();
        String loadBefore = BenchTable.loadAverage();
        // First in the JVM, so the plugin's classes load cold, as in a new pod.
        startUp();
        githubCalls();
        busyRepo();
        reconcile();
        // Before the load test: CPU-bound and short, measured on a quiet JVM.
        commentParse();
        rollout();
        hookLatency();
        metricSeries();
        String text = BenchTable.machine() + "\nload average (1 min) before / after: " + loadBefore + " / "
                + BenchTable.loadAverage() + "\n\n" + table.render()
                + String.format(Locale.ROOT, "%nbench wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("\n" + text);
        Path out = Path.of("target", "bench", "bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
    }

    private void metricSeries() throws Exception {
        MetricSeriesBench.Result r = MetricSeriesBench.run();
        assertThat(r.non403()).as("every unsigned request refused").isZero();
        String section = "unauthenticated input: " + MetricSeriesBench.REQUESTS + " requests, random event names";
        table.atMost(section, "metric series added (labels from a fixed set)", r.seriesAfter() - r.seriesBefore(),
                "", 3);
        table.info(section, "scrape size before / after", BenchTable.mib(r.scrapeBytesBefore()) + " / "
                + BenchTable.mib(r.scrapeBytesAfter()));
    }

    private void startUp() throws Exception {
        table.atMost("start-up", "construct + start PluginApp -> /healthz/ready 200 (in-process, cold)",
                StartupBench.inProcessMillis(), " ms", 2000);
        table.atMost("start-up", "java Main (new JVM) -> /healthz/ready 200", StartupBench.processMillis(), " ms",
                2000);
    }

    private void githubCalls() throws Exception {
        GitHubCostBench.Result port = GitHubCostBench.portCalls();
        assertThat(port.deployedAtTheEnd()).as("in-memory story ends with the PR labelled and green").isTrue();
        for (GitHubCostBench.Step s : port.steps()) {
            String value = s.cost().calls() + " (" + s.cost().writes() + " writes)";
            switch (s.name()) {
                // PR, checks, the history (closed autobumps by head per bot account + the base page), comments.
                case GitHubCostBench.WARM, GitHubCostBench.WARM_SAME ->
                        table.atMost("port calls", s.name(), s.cost().calls(), "", 6);
                case GitHubCostBench.COMMENT, GitHubCostBench.UNKNOWN_SHA ->
                        table.atMost("port calls", s.name(), s.cost().calls(), "", 0);
                default -> table.info("port calls", s.name(), value);
            }
        }
        // The deployed tag comes from the patches of the files the trust gate reads anyway: one files listing per
        // new head and no content, tree or compare read for the tag (the guard is off in the bench config).
        java.util.Map<String, Integer> newHead = port.newHeadCalls();
        table.info("tag from the diff", "port calls of the decision on a new head", newHead.toString());
        table.atMost("tag from the diff", "files listings (changedFiles, with patches) per new head",
                newHead.getOrDefault("changedFiles", 0), "", 1);
        table.atMost("tag from the diff", "extra requests for the tag (fileText, treePaths, compare)",
                newHead.getOrDefault("fileText", 0) + newHead.getOrDefault("treePaths", 0)
                        + newHead.getOrDefault("compare", 0), "", 0);
        assertThat(newHead.getOrDefault("changedFiles", 0)).as("the new head's files were read").isEqualTo(1);
        GitHubCostBench.Result http = GitHubCostBench.httpRequests();
        assertThat(http.deployedAtTheEnd()).as("real-adapter story ends with the PR labelled and green").isTrue();
        for (GitHubCostBench.Step s : http.steps()) {
            Cost c = s.cost();
            table.info("HTTP (real adapter)", s.name() + ": requests / 304 / writes",
                    c.calls() + " / " + c.notModified() + " / " + c.writes());
            switch (s.name()) {
                case GitHubCostBench.WARM, GitHubCostBench.WARM_SAME ->
                        table.atMost("HTTP (real adapter)", s.name() + ": rate-limited", c.rateLimited(), "", 1);
                case GitHubCostBench.COMMENT, GitHubCostBench.UNKNOWN_SHA ->
                        table.atMost("HTTP (real adapter)", s.name() + ": rate-limited", c.rateLimited(), "", 0);
                default -> table.info("HTTP (real adapter)", s.name() + ": rate-limited",
                        Integer.toString(c.rateLimited()));
            }
        }
    }

    private void busyRepo() throws Exception {
        BusyRepoBench.Result r = BusyRepoBench.run();
        String section = "busy repo (HTTP, real adapter)";
        table.info(section, "warm decision, fresh repo: requests / 304 / writes",
                r.fresh().calls() + " / " + r.fresh().notModified() + " / " + r.fresh().writes());
        table.info(section, "warm decision, " + BusyRepoBench.COMMENTS + " comments + " + BusyRepoBench.OTHER_CLOSED
                + " other closed PRs: requests / 304 / writes",
                r.busy().calls() + " / " + r.busy().notModified() + " / " + r.busy().writes());
        table.atMost(section, "busy warm decision: rate-limited", r.busy().rateLimited(), "", 1);
        table.atMost(section, "busy / fresh requests", r.ratio(), "x", 2.0);
    }

    private void reconcile() throws Exception {
        int n = ReconcileBench.REPOS;
        ReconcileBench.Result port = ReconcileBench.portCalls();
        assertThat(port.labelled()).as("in-memory: every repo's PR labelled").isEqualTo(n);
        sweep("port", "first sweep (start-up)", port.cold(), n);
        sweep("port", "next sweep (reads own writes)", port.next(), n);
        sweep("port", "steady sweep (nothing changed)", port.steady(), n);
        ReconcileBench.Result http = ReconcileBench.httpRequests();
        assertThat(http.labelled()).as("real adapter: every repo's PR labelled").isEqualTo(n);
        sweep("HTTP", "first sweep (start-up)", http.cold(), n);
        sweep("HTTP", "next sweep (reads own writes)", http.next(), n);
        sweep("HTTP", "steady sweep (nothing changed)", http.steady(), n);
        // With command recovery on every sweep: nothing to recover must cost no rate-limited request (all 304).
        table.atMost("reconcile " + n + " repos (HTTP)", "steady sweep: rate-limited", http.steady().cost().rateLimited(),
                "", 0);
    }

    private void rollout() throws Exception {
        RolloutBench.SweepCost cost = RolloutBench.sweep(4);
        assertThat(cost.githubCalls().keySet()).as("only the merge commit's checks are read").containsOnly("checks");
        table.atMost("rollout", "sweep of 4 PRs: Prometheus queries", cost.prometheusQueries(), "", 1);
        table.info("rollout", "sweep of 4 PRs: GitHub requests added (merge commit checks, ETag-cached over HTTP)",
                cost.githubCalls().toString());
        RolloutBench.Page big = RolloutBench.page(1_000, true);
        RolloutBench.Page today = RolloutBench.page(100, false);
        table.atMost("rollout", "status page, 1,000 deploys of history, rollout + delivery figures (median)",
                big.pageMillis(), " ms", 50);
        table.info("rollout", "status page today: one page of closed PRs (100 deploys), no rollout (median)",
                String.format(Locale.ROOT, "%.2f ms", today.pageMillis()));
        table.info("rollout", "reading 1,000 deploys into the board (delivery figures computed) / 100 today",
                String.format(Locale.ROOT, "%.1f / %.1f ms", big.historyMillis(), today.historyMillis()));
    }

    private void sweep(String via, String which, ReconcileBench.Sweep s, int repos) {
        String section = "reconcile " + repos + " repos (" + via + ")";
        table.info(section, which + ": wall time", String.format(Locale.ROOT, "%.0f ms", s.millis()));
        Cost c = s.cost();
        table.info(section, which + ": calls / 304 / writes",
                c.calls() + " / " + c.notModified() + " / " + c.writes());
        table.info(section, which + ": rate-limited per repo",
                String.format(Locale.ROOT, "%.2f", c.rateLimited() / (double) repos));
    }

    private void commentParse() {
        CommentParseBench.Result r = CommentParseBench.run();
        String section = "worst comment (" + CommentParseBench.SIZE + " chars)";
        table.atMost(section, "parse on the worker, median (worst shape: " + r.worstShape() + ")",
                r.worstParseMillis(), " ms", 5);
        table.info(section, "parse, fastest run of that shape",
                String.format(Locale.ROOT, "%.2f ms", r.worstParseFastest()));
        table.atMost(section, "relevance scan on the request thread, median (worst: " + r.worstScanShape() + ")",
                r.worstScanMillis(), " ms", 5);
    }

    private void hookLatency() throws Exception {
        HookLatencyBench.Result r = HookLatencyBench.run();
        assertThat(r.bare().non200()).as("bare: requests not answered 200").isZero();
        assertThat(r.ours().non200()).as("ours: requests not answered 200").isZero();
        assertThat(r.githubCalls()).as("GitHub calls made for irrelevant events").isZero();
        String section = "/hook " + HookLatencyBench.RATE + " req/s";
        table.info(section, "requests measured per side (after " + HookLatencyBench.WARM_UP.toSeconds()
                + " s warm-up each)", r.ours().count() + " / " + r.bare().count());
        for (double p : new double[] {50, 99}) {
            String name = "p" + BenchTable.format(p);
            double ours = r.ours().percentileMillis(p);
            double bare = r.bare().percentileMillis(p);
            table.info(section, name + " ours / bare", String.format(Locale.ROOT, "%.2f / %.2f ms", ours, bare));
            if (p == 99) {
                table.atMost(section, name + " ratio ours/bare", ours / bare, "x", 1.5);
            } else {
                table.info(section, name + " ratio ours/bare", String.format(Locale.ROOT, "%.2fx", ours / bare));
            }
        }
        table.info(section, "load generator send lag p99 ours / bare (the tail's share not due to servers)",
                String.format(Locale.ROOT, "%.2f / %.2f ms", r.ours().sendLagPercentileMillis(99),
                        r.bare().sendLagPercentileMillis(99)));
        table.info(section, "allocated per request ours / bare (whole JVM, generator included)",
                r.oursWork().allocatedBytes() / r.ours().count() / 1024 + " / "
                        + r.bareWork().allocatedBytes() / r.bare().count() / 1024 + " KiB");
        table.info(section, "GCs (total pause) during the rounds ours / bare",
                r.oursWork().gcCount() + " (" + r.oursWork().gcMillis() + " ms) / " + r.bareWork().gcCount() + " ("
                        + r.bareWork().gcMillis() + " ms)");
        table.info(section, "max ours / bare", String.format(Locale.ROOT, "%.2f / %.2f ms",
                r.ours().maxMillis(), r.bare().maxMillis()));
        assertThat(r.root().non200()).as("POST /: requests not answered 200").isZero();
        double rootP99 = r.root().percentileMillis(99);
        table.info(section, "POST / (one round after) p99 / ratio to bare p99", String.format(Locale.ROOT,
                "%.2f ms / %.2fx", rootP99, rootP99 / r.bare().percentileMillis(99)));
        table.atMost(section, "GitHub calls made", r.githubCalls(), "", 0);
        HeapWatch.Heap h = r.heap();
        table.atMost("heap (whole JVM)", "peak heap used during the load",
                h.peakUsedBytes() / (1024.0 * 1024.0), " MiB", 256);
        table.info("heap (whole JVM)", "heap live after the load (after a full GC)",
                BenchTable.mib(h.liveAfterFullGcBytes()));
        table.info("heap (whole JVM)", "largest heap committed / max heap",
                BenchTable.mib(h.maxCommittedBytes()) + " / " + BenchTable.mib(h.maxHeapBytes()));
    }
}
