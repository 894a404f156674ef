package io.prow.autodeploy.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Advice about a valid config that probably does not do what its author wants; {@code check-config} prints it
 * and still succeeds. Each line names the repo and the key to look at.
 */
public final class ConfigWarnings {
    static final Duration NEVER_OPENS_HORIZON = Duration.ofDays(365);
    /** Deprecated keys (still working) and what to use instead. */
    static final java.util.Map<String, String> DEPRECATED = java.util.Map.of(
            "imagePrefixes", "use autobump.images: [{name: prow, prefix: ..., consistent: true}] (the first prefix "
                    + "is read as the deployed, consistent image; every prefix is rolled back)",
            "titlePattern", "the deployed tag is read from the diff; without titlePattern the title is "
                    + "cross-checked in every form Prow's autobumper writes (Update prow to <tag>, case-insensitive)");

    private ConfigWarnings() {}

    public static List<String> warnings(PluginConfig config) {
        return warnings(config, Clock.systemUTC().instant());
    }

    /** {@code now} only matters for the blackouts: a window is judged over the year after it. */
    public static List<String> warnings(PluginConfig config, Instant now) {
        List<String> out = new ArrayList<>();
        for (RepoConfig r : config.repos()) {
            String repo = r.repo() + ": ";
            RepoConfig.Window w = r.window();
            if (new DeployWindow(w).nextOpening(now, now.plus(NEVER_OPENS_HORIZON)).isEmpty()) {
                out.add(repo + "window never opens in the next 365 days (check window.days, window.hours and "
                        + "window.blackouts): nothing will deploy");
            }
            Duration daily = Duration.between(w.start(), w.end());
            if (w.end().equals(LocalTime.MAX)) {
                daily = Duration.between(w.start(), LocalTime.MIDNIGHT).plusDays(1);
            }
            if (w.minInterval().compareTo(daily) > 0) {
                out.add(repo + "window.minInterval " + GoDuration.format(w.minInterval()) + " is longer than the "
                        + GoDuration.format(daily) + " daily window: at most one deploy a day");
            }
            if (r.alerts().url().isEmpty()) {
                out.add(repo + "alerts.alertmanagerUrl is not set: the alert gate is always open and nothing "
                        + "rolls back automatically");
            } else if (!r.alerts().autoRollback()) {
                out.add(repo + "alerts.autoRollback is disabled: an alert firing after a deploy blocks the next "
                        + "deploy but does not roll back");
            }
            for (String key : r.autobump().deprecatedKeys()) {
                out.add(repo + "autobump." + key + " is deprecated: " + DEPRECATED.get(key));
            }
            if (!r.breakingChanges().enabled()) {
                out.add(repo + "breakingChanges.sourceRepo is not set: the breaking-change guard is off, and bumps "
                        + "deploy without anyone reading the announcements between versions");
            }
        }
        return List.copyOf(out);
    }
}
