package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.config.DeployWindow;
import io.prow.autodeploy.config.RepoConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Inside the deploy window: allowed weekday, working hours, no blackout, in the configured zone.
 *
 * <p>Reasons name the cause and the opening instant, never a countdown ("23m left"): the applier rewrites the
 * commit status only when its text changes, so a text must stay the same for as long as the state does.
 */
public final class WindowGate implements Gate {
    public static final String NAME = "window";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MMM d HH:mm", Locale.ROOT);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "inside the deploy window (working days and hours in the repo's time zone, not a blackout date)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        DeployWindow window = new DeployWindow(s.config().window());
        if (window.isOpen(now)) {
            return GateResult.open(NAME, "inside the deploy window");
        }
        ZoneId zone = window.zone();
        Optional<Instant> next = window.nextOpening(now);
        if (next.isEmpty()) {
            return GateResult.closed(NAME, "Waiting: the deploy window never opens (check window config)");
        }
        return GateResult.closedUntil(NAME, "Waiting: " + why(window, now.atZone(zone).toLocalDate())
                + ", opens " + format(next.get(), zone), next.get());
    }

    /** Why today is closed: a blackout, a weekday without deploys, or the hours. */
    private static String why(DeployWindow window, LocalDate today) {
        Optional<RepoConfig.DateRange> blackout = window.blackout(today);
        if (blackout.isPresent()) {
            RepoConfig.DateRange r = blackout.get();
            return "blackout " + (r.from().equals(r.to()) ? r.from() : r.from() + ".." + r.to());
        }
        if (!window.dayAllowed(today)) {
            return "no deploys on " + today.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s";
        }
        return "outside deploy hours";
    }

    /** {@code Mon Nov 30 09:00 America/Los_Angeles}: wall time where the window is defined, and which zone. */
    public static String format(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone)) + " " + zone.getId();
    }
}
