package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tests are green on the head SHA. With {@code merge.requiredContexts} each named context must have succeeded;
 * without, every context present must have (at least one), ignoring our own and {@code ignoredContexts} (Tide's).
 */
public final class TestsGate implements Gate {
    public static final String NAME = "tests";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every required status and check run on the head commit succeeded";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        return judge(s.config().merge(), s.pr().headSha(), s.checks());
    }

    /**
     * Whether {@code checks} still show the tests running on {@code sha} ({@link #notFinished}): then a CI report that
     * leaves it so cannot change what the gate says (issue 16: such reports read nothing, SnapshotReader).
     */
    public static boolean stillRunning(RepoConfig.Merge m, String sha, List<Check> checks) {
        GateResult r = judge(m, sha, checks);
        return !r.open() && notFinished(sha).equals(r.reason());
    }

    private static GateResult judge(RepoConfig.Merge m, String sha, List<Check> checks) {
        Map<String, Check> byContext = checks.stream()
                .filter(c -> !c.context().equals(m.statusContext()) && !m.ignoredContexts().contains(c.context()))
                .collect(Collectors.toMap(Check::context, Function.identity(), TestsGate::worse));
        List<String> wanted = m.requiredContexts().isEmpty()
                ? byContext.keySet().stream().sorted().toList() : m.requiredContexts();
        // One text while tests run, whatever reported so far, so the status is written once per head per state
        // (issue 16: each CI report used to rename what runs and cost a status write). Names appear only where
        // oncall must act: what failed, and what never reported once everything else has finished (a renamed or
        // untriggered job). The checks themselves are on the PR.
        String running = notFinished(sha);
        if (wanted.isEmpty()) {
            return GateResult.closed(NAME, running);
        }
        List<String> failed = wanted.stream().filter(c -> byContext.containsKey(c)
                && byContext.get(c).state() == Check.State.FAILURE).toList();
        if (!failed.isEmpty()) {
            return GateResult.closed(NAME, "Waiting: tests failed: " + String.join(", ", failed));
        }
        boolean anyPending = wanted.stream().anyMatch(c -> byContext.containsKey(c)
                && byContext.get(c).state() == Check.State.PENDING);
        List<String> missing = wanted.stream().filter(c -> !byContext.containsKey(c)).toList();
        if (anyPending || missing.size() == wanted.size()) {
            return GateResult.closed(NAME, running);
        }
        if (!missing.isEmpty()) {
            return GateResult.closed(NAME, "Waiting: tests not reported: " + String.join(", ", missing));
        }
        return GateResult.open(NAME, "tests green");
    }

    /** Two results under one name (a status and a check run): the less successful counts. */
    private static Check worse(Check a, Check b) {
        return a.state().compareTo(b.state()) >= 0 ? a : b;
    }

    /** The one text while tests run on {@code sha}, whatever has reported so far. */
    public static String notFinished(String sha) {
        return "Waiting: tests not finished on " + shortSha(sha);
    }

    public static String shortSha(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(7, sha.length()));
    }
}
