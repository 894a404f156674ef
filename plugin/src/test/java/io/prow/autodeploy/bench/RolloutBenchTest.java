package io.prow.autodeploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rollout figures alone ({@code make bench} prints them in its table); tagged bench, not run by {@code make test}. */
@Tag("bench")
class RolloutBenchTest {
    @Test
    void rolloutFigures() throws Exception {
        RolloutBench.SweepCost cost = RolloutBench.sweep(4);
        assertThat(cost.githubCalls()).containsOnlyKeys("checks");
        assertThat(cost.prometheusQueries()).isEqualTo(1);
        RolloutBench.Page big = RolloutBench.page(1_000, true);
        RolloutBench.Page today = RolloutBench.page(100, false);
        System.out.printf("rollout sweep of 4 PRs: %s GitHub, %d Prometheus%n", cost.githubCalls(),
                cost.prometheusQueries());
        System.out.printf("page 1,000 deploys + rollout: %.2f ms (history %.1f ms); today 100: %.2f ms (history %.1f ms)%n",
                big.pageMillis(), big.historyMillis(), today.pageMillis(), today.historyMillis());
    }
}
