package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The deploy window of a repo as a function of time: open on allowed weekdays between the hours, in the
 * configured zone, except blackout dates. All arithmetic is on local dates and times resolved through the zone,
 * so daylight-saving changes move the window with the wall clock as people expect.
 */
public final class DeployWindow {
    /** How far ahead to look for an opening before concluding the window never opens. */
    static final int HORIZON_DAYS = 800;

    private final RepoConfig.Window w;

    public DeployWindow(RepoConfig.Window window) {
        this.w = window;
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime t = now.atZone(w.timezone());
        return dayAllowed(t.toLocalDate())
                && !t.toLocalTime().isBefore(w.start())
                && t.toLocalTime().isBefore(w.end());
    }

    /** The next instant at or after {@code now} when the window is open; empty if it never opens. */
    public Optional<Instant> nextOpening(Instant now) {
        if (isOpen(now)) {
            return Optional.of(now);
        }
        LocalDate day = now.atZone(w.timezone()).toLocalDate();
        for (int i = 0; i <= HORIZON_DAYS; i++) {
            LocalDate d = day.plusDays(i);
            if (!dayAllowed(d)) {
                continue;
            }
            Instant open = d.atTime(w.start()).atZone(w.timezone()).toInstant();
            if (!open.isBefore(now)) {
                return Optional.of(open);
            }
        }
        return Optional.empty();
    }

    /** When the window that is open at {@code now} closes. */
    public Instant closesAt(Instant now) {
        LocalDate d = now.atZone(w.timezone()).toLocalDate();
        return d.atTime(w.end()).atZone(w.timezone()).toInstant();
    }

    public boolean dayAllowed(LocalDate d) {
        return w.days().contains(d.getDayOfWeek()) && w.blackouts().stream().noneMatch(r -> r.contains(d));
    }
}
