package io.prow.autodeploy.deploy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Inside the deploy window: allowed weekday, working hours, no blackout, in the configured zone. */
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
        ZoneId zone = s.config().window().timezone();
        Optional<Instant> next = window.nextOpening(now);
        if (next.isEmpty()) {
            return GateResult.closed(NAME, "Waiting: the deploy window never opens (check window config)");
        }
        String why = window.dayAllowed(now.atZone(zone).toLocalDate()) ? "outside deploy hours"
                : "no deploys today";
        return GateResult.closedUntil(NAME, "Waiting: " + why + ", opens " + format(next.get(), zone), next.get());
    }

    static String format(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone)) + " " + zone.getId();
    }
}
