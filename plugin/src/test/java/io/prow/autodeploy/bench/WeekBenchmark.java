package io.prow.autodeploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench}: a week of a busy deploy repo ({@code bench/week-model.yaml}) replayed against the real
 * plugin, ours and a naive plugin (no ETag cache, no relevance filter) in the same run, and at scale 1 too when
 * {@code WEEK_SCALE} (system property {@code week.scale}) asks for another. Prints the table and writes
 * {@code target/bench/week.md}. A warm-up day runs first in the same JVM and is discarded ({@link WeekReport}
 * shows only its cold-start figures). Verdicts are printed, not asserted; only a replay that broke (an event refused)
 * fails it.
 */
@Tag("bench")
class WeekBenchmark {
    @Test
    void replayTheWeek() throws Exception {
        double scale = Double.parseDouble(System.getProperty("week.scale", "1"));
        String loadBefore = BenchTable.loadAverage();
        WeekModel model = WeekModel.load();
        // As JMH does: a throwaway day first (own sandbox, proxy, plugin, clock; same model, seed and scale), so
        // the measured week meets a warm JVM, as a plugin that has run for weeks does. Its figures are discarded
        // but for the cold-start rows; the measured week is replayed exactly as without it.
        WeekReplay.Week warmUp = new WeekReplay(model.scaled(scale).withDays(1), false, "warm-up").run(scale);
        WeekReplay.Week ours = new WeekReplay(model.scaled(scale), false).run(scale);
        WeekReplay.Week naive = new WeekReplay(model.scaled(scale), true).run(scale);
        WeekReplay.Week base = scale == 1 ? null : new WeekReplay(model, false).run(1);
        String text = BenchTable.machine() + "\nload average (1 min) before / after: " + loadBefore + " / "
                + BenchTable.loadAverage() + "\n\n" + WeekReport.render(model.scaled(scale), warmUp, ours, naive, base);
        System.out.println("\n" + text);
        Path out = Path.of("target", "bench", "week.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        assertThat(ours.days()).as("days replayed").hasSize(model.days());
    }
}
