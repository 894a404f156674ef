package io.prow.autodeploy.cli;

import io.prow.autodeploy.config.DeployWindow;
import io.prow.autodeploy.config.GoDuration;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.WindowGate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When could a repo deploy over the next days? Pure: walks the wall-clock hours of each day in the repo's zone and
 * asks {@link DeployWindow} and the pacing rule, assuming a bump is always waiting and merges at the first possible
 * instant (so each deploy restarts the pacing interval). Only the time gates are simulated: tests, holds and
 * alerts are assumed open. {@link #render} draws the result as a text table, one line per day.
 *
 * <p>A cell is one wall-clock hour, so a day always has 24: the hour the clock skips in spring is
 * {@link Cell#SKIPPED}, the hour it repeats in autumn is one cell two real hours long.
 */
public final class WindowSimulator {
    /** What one hour of one day allows; {@code symbol} is its character in the text table. */
    public enum Cell {
        DEPLOY('D'), PACING('p'), BLACKOUT('B'), CLOSED('.'), SKIPPED('~'), BEFORE_START(' ');

        public final char symbol;

        Cell(char symbol) {
            this.symbol = symbol;
        }
    }

    /** One local day: 24 cells, and the simulated deploys (none recorded when minInterval is 0: any time goes). */
    public record Day(LocalDate date, List<Cell> hours, List<Instant> deploys) {
        public Day {
            hours = List.copyOf(hours);
            deploys = List.copyOf(deploys);
        }

        public boolean deployPossible() {
            return hours.contains(Cell.DEPLOY);
        }
    }

    public record Simulation(RepoConfig config, Instant start, Optional<Instant> lastDeploy, List<Day> days) {
        public Simulation {
            days = List.copyOf(days);
        }

        public List<Instant> deploys() {
            return days.stream().flatMap(d -> d.deploys().stream()).toList();
        }
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final String INDENT = " ".repeat(17);

    private WindowSimulator() {}

    /** {@code days} local days from the day of {@code start} in the repo's zone; hours before {@code start} blank. */
    public static Simulation simulate(RepoConfig config, Instant start, Optional<Instant> lastDeploy, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        RepoConfig.Window w = config.window();
        DeployWindow window = new DeployWindow(w);
        ZoneId zone = w.timezone();
        Duration min = w.minInterval();
        LocalDate first = start.atZone(zone).toLocalDate();
        Optional<Instant> last = lastDeploy;
        List<Day> out = new ArrayList<>();
        for (LocalDate date = first; date.isBefore(first.plusDays(days)); date = date.plusDays(1)) {
            List<Cell> cells = new ArrayList<>();
            List<Instant> deploys = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                Instant a = hourStart(date, h, zone);
                Instant b = hourStart(date, h + 1, zone);
                Instant from = a.isBefore(start) ? start : a;
                if (!a.isBefore(b)) {
                    cells.add(Cell.SKIPPED);
                    continue;
                }
                if (!from.isBefore(b)) {
                    cells.add(Cell.BEFORE_START);
                    continue;
                }
                Instant paced = min.isZero() ? from : last.map(l -> l.plus(min)).filter(from::isBefore).orElse(from);
                Optional<Instant> deploy = window.nextOpening(paced, b);
                if (deploy.isPresent()) {
                    cells.add(Cell.DEPLOY);
                    // Later deploys in this hour (minInterval under 1h) move the pacing on: record each of them.
                    while (!min.isZero() && deploy.isPresent()) {
                        deploys.add(deploy.get());
                        last = deploy;
                        deploy = window.nextOpening(deploy.get().plus(min), b);
                    }
                } else if (window.nextOpening(from, b).isPresent()) {
                    cells.add(Cell.PACING);
                } else if (blackoutHidesHour(window, w, date, h)) {
                    cells.add(Cell.BLACKOUT);
                } else {
                    cells.add(Cell.CLOSED);
                }
            }
            out.add(new Day(date, cells, deploys));
        }
        return new Simulation(config, start, lastDeploy, out);
    }

    /** The first instant of wall-clock hour {@code h} (24 is the next midnight); a skipped hour maps forward. */
    private static Instant hourStart(LocalDate date, int h, ZoneId zone) {
        return h == 24 ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date.atTime(h, 0), zone).toInstant();
    }

    /** The window would be open in this hour of an allowed weekday, were it not for a blackout. */
    private static boolean blackoutHidesHour(DeployWindow window, RepoConfig.Window w, LocalDate date, int h) {
        if (!window.blackedOut(date) || !w.days().contains(date.getDayOfWeek())) {
            return false;
        }
        LocalTime hourStart = LocalTime.of(h, 0);
        LocalTime hourEnd = h == 23 ? LocalTime.MAX : LocalTime.of(h + 1, 0);
        boolean startsBeforeEnd = w.end().equals(LocalTime.MAX) || hourStart.isBefore(w.end());
        return startsBeforeEnd && hourEnd.isAfter(w.start());
    }

    /**
     * The simulation as text: a heading with the window, one line per day of 24 hour cells with its deploy count,
     * and a legend. Hours read left to right from 00 to 23 under a two-line hour ruler.
     */
    public static String render(Simulation sim) {
        RepoConfig.Window w = sim.config().window();
        ZoneId zone = w.timezone();
        StringBuilder sb = new StringBuilder();
        sb.append(sim.config().repo()).append(": ").append(describe(w)).append('\n');
        sb.append("from ").append(WindowGate.format(sim.start(), zone)).append(", ")
                .append(sim.lastDeploy().map(t -> "last deploy " + WindowGate.format(t, zone)).orElse("no earlier deploy"))
                .append(", a bump always waiting\n\n");
        sb.append(INDENT).append("0         1         2\n");
        sb.append(INDENT).append("012345678901234567890123\n");
        for (Day day : sim.days()) {
            StringBuilder cells = new StringBuilder();
            day.hours().forEach(c -> cells.append(c.symbol));
            sb.append(String.format(Locale.ROOT, "%-17s%s", DAY.format(day.date()), cells));
            summary(day, w).ifPresent(s -> sb.append("   ").append(s));
            sb.append('\n');
        }
        if (sim.days().stream().noneMatch(Day::deployPossible)) {
            sb.append("No deploy is possible in these ").append(sim.days().size()).append(" days.\n");
        }
        String min = GoDuration.format(w.minInterval());
        sb.append('\n')
                .append("D  a deploy can happen in this hour (simulated: at the first possible instant, then again each ")
                .append(min).append(")\n")
                .append("p  inside the window, but the previous deploy was less than ").append(min).append(" ago\n")
                .append("B  blackout date\n")
                .append(".  outside the deploy window (hours or weekday)\n")
                .append("~  the clock skips this hour (daylight saving); an hour it repeats is one cell\n")
                .append("   (blank) before the start\n");
        return sb.toString();
    }

    private static Optional<String> summary(Day day, RepoConfig.Window w) {
        if (!day.deployPossible()) {
            return Optional.empty();
        }
        if (w.minInterval().isZero()) {
            return Optional.of("deploys any time inside the window (no minInterval)");
        }
        int n = day.deploys().size();
        return Optional.of(n + (n == 1 ? " deploy" : " deploys") + ", first "
                + HH_MM.format(day.deploys().get(0).atZone(w.timezone())));
    }

    /** {@code MON-FRI 09:00-17:00 America/Los_Angeles, minInterval 1h, blackouts 2026-12-24..2027-01-02}. */
    static String describe(RepoConfig.Window w) {
        String end = w.end().equals(LocalTime.MAX) ? "24:00" : HH_MM.format(w.end());
        String blackouts = w.blackouts().isEmpty() ? "no blackouts" : "blackouts " + w.blackouts().stream()
                .map(r -> r.from().equals(r.to()) ? r.from().toString() : r.from() + ".." + r.to())
                .collect(Collectors.joining(", "));
        return days(w) + " " + HH_MM.format(w.start()) + "-" + end + " " + w.timezone().getId()
                + ", minInterval " + GoDuration.format(w.minInterval()) + ", " + blackouts;
    }

    /** Weekdays with runs of three or more collapsed: {@code MON-FRI}, {@code MON,WED,FRI}, {@code MON-WED,SAT}. */
    private static String days(RepoConfig.Window w) {
        List<String> parts = new ArrayList<>();
        DayOfWeek[] all = DayOfWeek.values();
        for (int i = 0; i < all.length; i++) {
            if (!w.days().contains(all[i])) {
                continue;
            }
            int j = i;
            while (j + 1 < all.length && w.days().contains(all[j + 1])) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(abbrev(all[i]) + "-" + abbrev(all[j]));
            } else {
                for (int k = i; k <= j; k++) {
                    parts.add(abbrev(all[k]));
                }
            }
            i = j;
        }
        return parts.isEmpty() ? "no days" : String.join(",", parts);
    }

    private static String abbrev(DayOfWeek d) {
        return d.name().substring(0, 3);
    }
}
