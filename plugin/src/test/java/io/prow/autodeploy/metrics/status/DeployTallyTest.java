package io.prow.autodeploy.metrics.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.Deploy;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which merged deploys {@code autodeploy_deploys_total} counts, page after page of the same closed PRs. */
class DeployTallyTest {
    private static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");
    private static final Instant STARTED = Instant.parse("2026-11-25T18:00:00Z");

    private static Deploy deploy(int number, String mergedAt) {
        return new Deploy(number, "v20261125-" + number + "aaaaaaa", Deploy.Kind.AUTOBUMP, Instant.parse(mergedAt),
                "https://github.com/kubernetes/test-infra/pull/" + number);
    }

    private static final Deploy BEFORE_START = deploy(1, "2026-11-25T17:59:59Z");
    private static final Deploy AT_START = deploy(2, "2026-11-25T18:00:00Z");
    private static final Deploy LATER = deploy(3, "2026-11-25T19:00:00Z");
    private static final Deploy LATEST = deploy(4, "2026-11-25T20:00:00Z");

    /** Each case: the pages read in turn (newest first), and how many deploys each one newly counts. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a deploy merged before start was counted by the process running then",
                        List.of(List.of(BEFORE_START)), List.of(0)),
                Arguments.of("merged at start counts, once however often the page is read",
                        List.of(List.of(AT_START), List.of(AT_START), List.of(AT_START)), List.of(1, 0, 0)),
                Arguments.of("new deploys on later pages count, old ones do not again",
                        List.of(List.of(AT_START), List.of(LATER, AT_START), List.of(LATEST, LATER, AT_START)),
                        List.of(1, 1, 1)),
                Arguments.of("an empty page forgets nothing",
                        List.of(List.of(LATER), List.of(), List.of(LATER)), List.of(1, 0, 0)),
                Arguments.of("a deploy that left the page is forgotten and cannot come back",
                        List.of(List.of(LATER, AT_START), List.of(LATEST, LATER)), List.of(2, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsEachDeployMergedSinceStartOnce(String name, List<List<Deploy>> pages, List<Integer> counted) {
        DeployTally tally = new DeployTally(STARTED);
        List<Integer> got = pages.stream().map(page -> tally.newlyMerged(REPO, page).size()).toList();
        assertThat(got).isEqualTo(counted);
    }
}
