package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The required contexts that failed on the head SHA, by the same rule as {@link TestsGate}. */
public final class FailedTests {
    private FailedTests() {}

    public static List<String> of(Snapshot s) {
        RepoConfig.Merge m = s.config().merge();
        Map<String, Check> byContext = s.checks().stream()
                .filter(c -> !c.context().equals(m.statusContext()) && !m.ignoredContexts().contains(c.context()))
                .collect(Collectors.toMap(Check::context, Function.identity(),
                        (a, b) -> a.state().compareTo(b.state()) >= 0 ? a : b));
        List<String> wanted = m.requiredContexts().isEmpty()
                ? byContext.keySet().stream().sorted().toList() : m.requiredContexts();
        return wanted.stream().filter(c -> byContext.containsKey(c)
                && byContext.get(c).state() == Check.State.FAILURE).toList();
    }
}
