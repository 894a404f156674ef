package io.prow.autodeploy.demo;

import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How every demo chapter tells its story: a step with its simulated time in Los Angeles, then what the plugin did on
 * GitHub since the last step; and how the plugin catches up with the simulated clock before the next step.
 */
final class DemoStory {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);
    /** Lines the sandbox logs for what the story's people and bots do (SandboxSetup), not the plugin. */
    private static final List<String> NOT_THE_PLUGIN = List.of("opened by @", "force-pushed", "merged into");

    private final PrintStream out;
    private final Clock clock;
    private final InMemoryGitHub gh;
    private int logSeen;

    DemoStory(PrintStream out, Clock clock, InMemoryGitHub gh) {
        this.out = out;
        this.clock = clock;
        this.gh = gh;
    }

    /** Prints the step, then every mutation the plugin made since the last step. */
    void say(String step) {
        out.println(WHEN.format(clock.instant().atZone(LA)) + "  " + step);
        List<String> log = gh.log();
        for (String line : log.subList(logSeen, log.size())) {
            if (NOT_THE_PLUGIN.stream().noneMatch(line::contains) && !line.endsWith(" closed")) {
                out.println("            plugin: " + line);
            }
        }
        logSeen = log.size();
    }

    /** Lets queued work finish and fires the wake-ups the simulated clock has reached, until none is left. */
    static void settle(PluginApp app, Clock clock) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            app.executor.awaitIdle(Duration.ofSeconds(30));
            if (app.scheduler.pending().stream().noneMatch(e -> !e.getValue().isAfter(clock.instant()))) {
                return;
            }
            app.scheduler.runDue();
        }
    }
}
