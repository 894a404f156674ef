package io.prow.autodeploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the week benchmark's model honest (not timed, not tagged bench: {@code make test} runs it): one simulated
 * working day at a tenth of the other-PR traffic, with every fault of the week on that day (502s, the outage, the
 * secondary rate limit, the restart, the redeliveries), replayed against the real plugin, and its end state
 * checked against the model: the bump merged and deployed, labels, statuses, one reply per command.
 */
class WeekDayTest {
    @Test
    void oneDayWithEveryFaultEndsAsTheModelSays() throws Exception {
        WeekModel model = WeekModel.load().scaled(0.05).withDays(1).withSweepsPerDay(48).allFaultsOnDayOne();
        WeekReplay.Week week = new WeekReplay(model, false).run(0.05);
        WeekReplay.Day day = week.days().get(0);

        assertThat(day.problems()).as("end state against the model").isEmpty();
        assertThat(day.floor()).as("floor: 9 statuses, hold label on/off, 2 replies, merge label").isEqualTo(14);
        assertThat(day.writes()).as("the plugin wrote at least what the day needed").isGreaterThanOrEqualTo(14);
        assertThat(day.webhooks()).as("webhooks sent (other PRs, bump, commands, alert, redeliveries)")
                .isGreaterThanOrEqualTo(model.otherPrs().webhooksPerDay());
        assertThat(day.requests()).as("the outage and the rate limit were met")
                .anyMatch(r -> r.status() == 503).anyMatch(r -> r.status() == 403);
        assertThat(day.latenciesMillis()).as("events that changed something were timed").isNotEmpty();
        assertThat(day.faults()).as("injected faults told apart from GitHub's answers: the outage's 503s, the 403")
                .isGreaterThanOrEqualTo(2).isLessThan(day.charged());
        assertThat(day.timed()).as("each timed event's trace ends at its first write").allSatisfy(e -> assertThat(
                e.steps().get(e.steps().size() - 1).method()).isNotEqualTo("GET"));
        assertThat(day.sizes()).as("the plugin's maps were found").containsKeys("reconciler.scheduler.pending", "reconciler.reader.filesBySha", "gh.raw.http.cache(ETag entries)");
    }

    @Test
    void theModelIsTheDocumentedOne() {
        WeekModel m = WeekModel.load();
        assertThat(m.otherPrs().webhooksPerDay()).as("about 2,000 webhooks a working day").isBetween(1_800, 2_300);
        assertThat(m.sweepsPerDay()).isEqualTo(288);
        assertThat(m.autobump().contexts()).hasSize(3);
        assertThat(m.scaled(10).otherPrs().perDay()).isEqualTo(600);
        assertThat(List.of(m.faults().outage(), m.faults().restart(), m.faults().secondaryRateLimit()))
                .doesNotContainNull();
    }
}
