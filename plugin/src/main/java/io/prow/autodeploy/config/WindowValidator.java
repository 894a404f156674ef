package io.prow.autodeploy.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validates {@code window}: zone, weekdays, {@code HH:MM-HH:MM} hours, blackout dates and ranges, pacing. */
final class WindowValidator {
    private WindowValidator() {}

    static RepoConfig.Window window(List<ConfigProblem> problems, String at, ConfigSpec.Window w) {
        ConfigSpec.Window s = w != null ? w : new ConfigSpec.Window(null, null, null, null, null);
        int before = problems.size();
        ZoneId zone = ZoneId.of("UTC");
        if (s.timezone() != null) {
            try {
                zone = ZoneId.of(s.timezone().trim());
            } catch (DateTimeException e) {
                problems.add(new ConfigProblem(at + ".timezone",
                        "'" + s.timezone() + "' is not an IANA time zone such as America/Los_Angeles"));
            }
        }
        Set<DayOfWeek> days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        if (s.days() != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            if (s.days().isEmpty()) {
                problems.add(new ConfigProblem(at + ".days", "must name at least one day"));
            }
            for (int i = 0; i < s.days().size(); i++) {
                DayOfWeek d = day(s.days().get(i));
                if (d == null) {
                    problems.add(new ConfigProblem(at + ".days[" + i + "]",
                            "'" + s.days().get(i) + "' is not a weekday (MON, TUE, ... or MONDAY, ...)"));
                } else {
                    days.add(d);
                }
            }
        }
        LocalTime start = LocalTime.of(9, 0);
        LocalTime end = LocalTime.of(17, 0);
        if (s.hours() != null) {
            String[] parts = s.hours().trim().split("\\s*-\\s*");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("", s.hours(), 0);
                }
                start = LocalTime.parse(parts[0]);
                end = parts[1].equals("24:00") ? LocalTime.MAX : LocalTime.parse(parts[1]);
                if (!end.isAfter(start)) {
                    problems.add(new ConfigProblem(at + ".hours", "end must be after start, got " + s.hours()));
                }
            } catch (DateTimeParseException e) {
                problems.add(new ConfigProblem(at + ".hours", "must be HH:MM-HH:MM, e.g. 09:00-17:00, got " + s.hours()));
            }
        }
        List<RepoConfig.DateRange> blackouts = new ArrayList<>();
        if (s.blackouts() != null) {
            for (int i = 0; i < s.blackouts().size(); i++) {
                RepoConfig.DateRange r = range(s.blackouts().get(i));
                if (r == null) {
                    problems.add(new ConfigProblem(at + ".blackouts[" + i + "]", "must be YYYY-MM-DD or "
                            + "YYYY-MM-DD..YYYY-MM-DD with the start first, got " + s.blackouts().get(i)));
                } else {
                    blackouts.add(r);
                }
            }
        }
        Duration interval = FieldReader.duration(problems, at + ".minInterval", s.minInterval(),
                Duration.ofHours(1), Duration.ZERO);
        if (problems.size() > before) {
            return null;
        }
        return new RepoConfig.Window(zone, Set.copyOf(days), start, end, List.copyOf(blackouts), interval);
    }

    private static DayOfWeek day(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(v) || d.name().substring(0, 3).equals(v)) {
                return d;
            }
        }
        return null;
    }

    private static RepoConfig.DateRange range(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            String[] parts = raw.trim().split("\\.\\.", -1);
            LocalDate from = LocalDate.parse(parts[0].trim());
            LocalDate to = parts.length == 2 ? LocalDate.parse(parts[1].trim()) : from;
            if (parts.length > 2 || to.isBefore(from)) {
                return null;
            }
            return new RepoConfig.DateRange(from, to);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
