package io.prow.autodeploy.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The traffic model of {@code bench/week-model.yaml} (documented there, number by number). Unknown keys fail, so a
 * typo in the model cannot silently replay the default.
 */
record WeekModel(long seed, String start, int days, String zone, String workingHours, int sweepsPerDay,
                 OtherPrs otherPrs, Autobump autobump, Oncall oncall, String alertAt, boolean rolloutFollowing,
                 Faults faults) {
    static final String RESOURCE = "/bench/week-model.yaml";

    record OtherPrs(int perDay, int pushesPerPr, int statusContextsPerPush, int checkRunsPerPush,
                    int commentsPerPr, int labelEventsPerPr, int mergedPerDay, double redeliveredShare) {
        /** Webhooks one working day sends about other PRs (the YAML's comment works the same sum). */
        int webhooksPerDay() {
            int perPr = pushesPerPr + pushesPerPr * (statusContextsPerPush * 2 + checkRunsPerPush * 2)
                    + commentsPerPr + labelEventsPerPr;
            return perDay * perPr + mergedPerDay * 2;
        }
    }

    record Autobump(List<Integer> pushHours, List<String> contexts, int pendingAfterMinutes,
                    List<Integer> successAfterMinutes, int tideMergeAfterMinutes) {}

    record Oncall(String holdAt, String unholdAt) {}

    record Faults(double failShare, String outage, int outageMinutes, String secondaryRateLimit,
                  int retryAfterSeconds, String restart, String redeliverHold, String redeliverPush) {
        static Faults none() {
            return new Faults(0, null, 0, null, 60, null, null, null);
        }
    }

    static WeekModel load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = WeekModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return yaml.readValue(in, WeekModel.class).checked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The model with the other-PR traffic multiplied by {@code scale} ({@code WEEK_SCALE}). */
    WeekModel scaled(double scale) {
        OtherPrs o = otherPrs;
        OtherPrs s = new OtherPrs((int) Math.round(o.perDay * scale), o.pushesPerPr, o.statusContextsPerPush,
                o.checkRunsPerPush, o.commentsPerPr, o.labelEventsPerPr,
                (int) Math.round(o.mergedPerDay * scale), o.redeliveredShare);
        return new WeekModel(seed, start, days, zone, workingHours, sweepsPerDay, s, autobump, oncall, alertAt,
                rolloutFollowing, faults).checked();
    }

    WeekModel withSweepsPerDay(int n) {
        return new WeekModel(seed, start, days, zone, workingHours, n, otherPrs, autobump, oncall, alertAt,
                rolloutFollowing, faults).checked();
    }

    WeekModel withDays(int n) {
        return new WeekModel(seed, start, n, zone, workingHours, sweepsPerDay, otherPrs, autobump, oncall, alertAt,
                rolloutFollowing, faults).checked();
    }

    /** Every fault of the week moved onto day one (the unit test replays one day and must meet them all). */
    WeekModel allFaultsOnDayOne() {
        String d = startDate().getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT)
                .toUpperCase(Locale.ROOT);
        Faults f = faults;
        Faults moved = new Faults(f.failShare, retime(d, f.outage), f.outageMinutes, retime(d, f.secondaryRateLimit),
                f.retryAfterSeconds, retime(d, f.restart), d, retime(d, f.redeliverPush));
        return new WeekModel(seed, start, days, zone, workingHours, sweepsPerDay, otherPrs, autobump, oncall,
                alertAt, rolloutFollowing, moved).checked();
    }

    private static String retime(String day, String at) {
        return at == null ? null : day + at.substring(at.indexOf(' '));
    }

    LocalDate startDate() {
        return LocalDate.parse(start);
    }

    ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    LocalTime workStart() {
        return LocalTime.parse(workingHours.split("-")[0]);
    }

    LocalTime workEnd() {
        return LocalTime.parse(workingHours.split("-")[1]);
    }

    static boolean workingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Whether {@code spec} ("WED 10:20", "TUE", "WED 11") names {@code day}. */
    static boolean onDay(String spec, LocalDate day) {
        return spec != null && day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT)
                .equalsIgnoreCase(spec.split(" ")[0]);
    }

    /** Minute of the day of "DAY HH:MM" or "DAY HH". */
    static int minuteOf(String spec) {
        String t = spec.split(" ")[1];
        return t.contains(":") ? LocalTime.parse(t).toSecondOfDay() / 60 : Integer.parseInt(t) * 60;
    }

    static int minuteOfTime(String hhmm) {
        return LocalTime.parse(hhmm).toSecondOfDay() / 60;
    }

    private WeekModel checked() {
        if (days < 1 || sweepsPerDay < 1 || 1440 % sweepsPerDay != 0) {
            throw new IllegalArgumentException("days >= 1 and sweepsPerDay dividing 1440 minutes expected");
        }
        if (autobump.contexts.size() != autobump.successAfterMinutes.size() || autobump.pushHours.isEmpty()) {
            throw new IllegalArgumentException("autobump: one successAfterMinutes per context, >= 1 push hour");
        }
        int hold = minuteOfTime(oncall.holdAt);
        int unhold = minuteOfTime(oncall.unholdAt);
        int lastPush = autobump.pushHours.get(autobump.pushHours.size() - 1) * 60;
        int green = lastPush + autobump.successAfterMinutes.stream().max(Integer::compare).orElseThrow();
        if (!(hold < unhold && unhold > lastPush && green < workEnd().toSecondOfDay() / 60)) {
            throw new IllegalArgumentException("oncall.holdAt < unholdAt, the last push before the unhold, and its "
                    + "tests green inside working hours: the day's one rollout depends on it");
        }
        return this;
    }
}
