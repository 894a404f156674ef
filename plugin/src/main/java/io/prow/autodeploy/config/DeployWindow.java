package io.prow.autodeploy.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deploy window of a repo as a function of time: open at an instant when its wall-clock time in the configured
 * zone falls on an allowed weekday that is not a blackout date, at or after {@code start} and before {@code end}.
 * Daylight-saving changes move the window with the wall clock, as people expect.
 *
 * <p>{@link #isOpen} is the definition; {@link #nextOpening} and {@link #closesAt} are exact with respect to it,
 * also on DST days, because the open set only starts or ends at one of these instants: {@code start}/{@code end}
 * of a day resolved at either offset (both, when the clock falls back over it), local midnight (a day boundary)
 * or a zone transition (the clock jumps over {@code start} or {@code end}). So we collect those candidates per
 * day, in order, and ask {@link #isOpen} about each. Consequences, pinned by {@code DeployWindowTest}:
 * <ul>
 *   <li>spring forward over {@code start} (hours 02:30-04:00, LA 2027-03-14): opens at the jump, 03:00 PDT, the
 *       first wall time after 02:30. (Plain {@code atTime(start).atZone(zone)} would say 03:30: it shifts a gap
 *       time forward by the gap's length.) A window lying wholly in the gap does not open that day;</li>
 *   <li>fall back (LA 2026-11-01, 01:00-02:00 happens twice): the wall clock decides, pass by pass. Hours
 *       00:00-01:30 are open 00:00-01:30 PDT and again 01:00-01:30 PST; hours 01:30-04:00 open at the first 01:30
 *       (PDT), close while the clock shows 01:00-01:30 the second time, and reopen at 01:30 PST until 04:00 PST.
 *       Odd, but only for windows drawn over the repeated hour at night, and it never deploys outside the
 *       hours people wrote.</li>
 * </ul>
 */
public final class DeployWindow {
    /** How far ahead to look for an opening or a close before concluding there is none. */
    static final int HORIZON_DAYS = 800;

    private final RepoConfig.Window w;
    private final ZoneRules rules;

    public DeployWindow(RepoConfig.Window window) {
        this.w = window;
        this.rules = window.timezone().getRules();
    }

    public ZoneId zone() {
        return w.timezone();
    }

    public boolean isOpen(Instant now) {
        LocalDateTime t = LocalDateTime.ofInstant(now, w.timezone());
        return dayAllowed(t.toLocalDate()) && inHours(t.toLocalTime());
    }

    /** Inside {@code [start, end)} of a day; {@code end} 24:00 is stored as {@link LocalTime#MAX}. */
    private boolean inHours(LocalTime t) {
        return !t.isBefore(w.start()) && (w.end().equals(LocalTime.MAX) || t.isBefore(w.end()));
    }

    public boolean dayAllowed(LocalDate d) {
        return w.days().contains(d.getDayOfWeek()) && !blackedOut(d);
    }

    public boolean blackedOut(LocalDate d) {
        return w.blackouts().stream().anyMatch(r -> r.contains(d));
    }

    /** The blackout range covering {@code d}, if any (the first listed when several overlap). */
    public Optional<RepoConfig.DateRange> blackout(LocalDate d) {
        return w.blackouts().stream().filter(r -> r.contains(d)).findFirst();
    }

    /** The first instant at or after {@code now} when the window is open; empty if none within the horizon. */
    public Optional<Instant> nextOpening(Instant now) {
        return nextOpening(now, now.plus(Duration.ofDays(HORIZON_DAYS)));
    }

    /** The first instant in {@code [from, until)} when the window is open, if any. */
    public Optional<Instant> nextOpening(Instant from, Instant until) {
        if (isOpen(from)) {
            return from.isBefore(until) ? Optional.of(from) : Optional.empty();
        }
        return firstAfter(from, until, true);
    }

    /**
     * The first instant at or after {@code now} when the window is closed: {@code now} itself when closed, the end
     * of the open stretch otherwise. Empty when it stays open through the horizon (every day, 00:00-24:00).
     * A stretch may run past midnight when one day ends at 24:00 and the next starts at 00:00.
     */
    public Optional<Instant> closesAt(Instant now) {
        if (!isOpen(now)) {
            return Optional.of(now);
        }
        return firstAfter(now, now.plus(Duration.ofDays(HORIZON_DAYS)), false);
    }

    /** The earliest boundary candidate in {@code (now, until)} at which {@link #isOpen} equals {@code open}. */
    private Optional<Instant> firstAfter(Instant now, Instant until, boolean open) {
        LocalDate day = LocalDateTime.ofInstant(now, w.timezone()).toLocalDate();
        LocalDate last = LocalDateTime.ofInstant(until, w.timezone()).toLocalDate();
        for (LocalDate d = day; !d.isAfter(last); d = d.plusDays(1)) {
            Optional<Instant> hit = candidates(d).stream()
                    .filter(c -> c.isAfter(now) && c.isBefore(until) && isOpen(c) == open)
                    .min(Instant::compareTo);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    /** Every instant on local day {@code d} at which {@link #isOpen} can change value. */
    private List<Instant> candidates(LocalDate d) {
        List<Instant> out = new ArrayList<>();
        addResolutions(out, d.atTime(w.start()));
        if (!w.end().equals(LocalTime.MAX)) {
            addResolutions(out, d.atTime(w.end()));
        }
        Instant dayStart = d.atStartOfDay(w.timezone()).toInstant();
        Instant nextDayStart = d.plusDays(1).atStartOfDay(w.timezone()).toInstant();
        out.add(dayStart);
        out.add(nextDayStart);
        for (ZoneOffsetTransition t = rules.nextTransition(dayStart.minusNanos(1));
                t != null && t.getInstant().isBefore(nextDayStart); t = rules.nextTransition(t.getInstant())) {
            out.add(t.getInstant());
        }
        return out;
    }

    /** The instants showing wall time {@code ldt}: none in a gap, two in an overlap. */
    private void addResolutions(List<Instant> out, LocalDateTime ldt) {
        for (ZoneOffset offset : rules.getValidOffsets(ldt)) {
            out.add(ldt.toInstant(offset));
        }
    }
}
