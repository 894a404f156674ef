package io.prow.autodeploy.bench;

import io.prow.autodeploy.bench.GitHubProxy.Purpose;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.sandbox.SandboxServer;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Replays the model's days against the real plugin: sandbox GitHub REST server on loopback, {@link GitHubProxy}
 * in front of it (counting, faults), the plugin wired as in production ({@link WeekPlugin}), and a manual clock
 * moved minute by minute: each minute's actions, the sweep every {@code 1440 / sweepsPerDay} minutes, then every
 * wake-up due. No real waiting: a simulated week takes seconds.
 */
final class WeekReplay {
    /** One simulated day's figures. {@code requests}: what reached GitHub (the proxy) that day. */
    record Day(LocalDate date, int webhooks, List<GitHubProxy.Request> requests, int floor,
               List<TimedEvent> timed, long heapLiveBytes, Map<String, Long> sizes, List<String> problems) {
        /** Event -> first write latencies of the day's timed events, in the order they happened. */
        List<Double> latenciesMillis() {
            return timed.stream().map(TimedEvent::millis).toList();
        }

        long total() {
            return requests.size();
        }

        long notModified() {
            return requests.stream().filter(GitHubProxy.Request::notModified).count();
        }

        long charged() {
            return requests.stream().filter(GitHubProxy.Request::charged).count();
        }

        long writes() {
            return requests.stream().filter(GitHubProxy.Request::write).count();
        }

        /**
         * Charged requests the proxy answered with an injected fault (GitHub never saw them): the model counts them
         * as charged, the conservative reading; this says how many of the charged figure they are.
         */
        long faults() {
            return requests.stream().filter(r -> r.charged() && r.injected()).count();
        }

        long charged(Purpose p) {
            return requests.stream().filter(r -> r.charged() && r.purpose() == p).count();
        }
    }

    record Week(double scale, boolean naive, List<Day> days, double wallSeconds) {
        long charged() {
            return days.stream().mapToLong(Day::charged).sum();
        }

        long floor() {
            return days.stream().mapToLong(Day::floor).sum();
        }

        long writes() {
            return days.stream().mapToLong(Day::writes).sum();
        }

        long faults() {
            return days.stream().mapToLong(Day::faults).sum();
        }

        long webhooks() {
            return days.stream().mapToLong(Day::webhooks).sum();
        }

        List<Double> latencies() {
            return days.stream().flatMap(d -> d.latenciesMillis().stream()).sorted().toList();
        }

        List<TimedEvent> timed() {
            return days.stream().flatMap(d -> d.timed().stream()).toList();
        }

        /** Charged requests by "purpose METHOD template", most first. */
        Map<String, Long> chargedBy() {
            return countedBy(GitHubProxy.Request::charged);
        }

        /** Every request, 304s included: each is a chance of a fault, so the faults grow with this, not with charged. */
        Map<String, Long> sentBy() {
            return countedBy(r -> true);
        }

        private Map<String, Long> countedBy(java.util.function.Predicate<GitHubProxy.Request> which) {
            Map<String, Long> out = new TreeMap<>();
            days.forEach(d -> d.requests().stream().filter(which).forEach(r -> out.merge(
                    r.purpose().name().toLowerCase(java.util.Locale.ROOT) + " " + r.method() + " " + r.template(),
                    1L, Long::sum)));
            return out;
        }
    }

    private final WeekModel model;
    private final boolean naive;
    private final String label;
    private final String guidPrefix;
    private final ManualClock clock;
    private final WeekWorld world;
    private int guids;
    /** GitHub's webhooks for the plugin's own label changes, sent back (WeekLabelEcho). */
    private final WeekLabelEcho echo;

    WeekReplay(WeekModel model, boolean naive) {
        this(model, naive, naive ? "week (naive)" : "week");
    }

    /** {@code label}: the progress lines' name; its first word prefixes the delivery ids ("week-1", ...). */
    WeekReplay(WeekModel model, boolean naive, String label) {
        this.model = model;
        this.naive = naive;
        this.label = label;
        this.guidPrefix = label.split(" ")[0] + "-";
        ZonedDateTime start = model.startDate().atStartOfDay(model.zoneId());
        this.clock = new ManualClock(start.minusHours(1).toInstant());
        this.world = new WeekWorld(clock, model.autobump().contexts());
        this.echo = new WeekLabelEcho(world);
    }

    Week run(double scale) throws Exception {
        long t0 = System.nanoTime();
        List<Day> days = new ArrayList<>();
        Random rng = new Random(model.seed());
        try (SandboxServer sandbox = SandboxServer.start(world.gh, 0);
             GitHubProxy proxy = new GitHubProxy(sandbox.url(), model.seed());
             WeekPlugin plugin = new WeekPlugin(BenchWorld.config(List.of(WeekWorld.REPO)), clock, proxy.url(),
                     naive)) {
            proxy.failShare(model.faults().failShare());
            proxy.phase(Purpose.STARTUP);
            plugin.start();
            plugin.settle();
            for (int d = 0; d < model.days(); d++) {
                LocalDate date = model.startDate().plusDays(d);
                WeekTimeline day = new WeekTimeline(model, date, d, rng);
                faults(day, date, proxy, plugin);
                Day done = replay(date, day, proxy, plugin, rng);
                days.add(done);
                // One line a day while it runs: a slow machine still shows figures before the table.
                System.out.printf(java.util.Locale.ROOT, "%s x%s %s: webhooks %d, requests %d, 304 %d, charged %d"
                                + " (injected faults %d), writes %d, floor %d, heap %s, %s (%.0f s so far)%n", label,
                        BenchTable.format(scale), date, done.webhooks(), done.total(), done.notModified(),
                        done.charged(), done.faults(), done.writes(), done.floor(), BenchTable.mib(done.heapLiveBytes()),
                        done.problems().isEmpty() ? "end state as modelled" : done.problems(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        return new Week(scale, naive, days, (System.nanoTime() - t0) / 1e9);
    }

    private void faults(WeekTimeline day, LocalDate date, GitHubProxy proxy, WeekPlugin plugin) {
        WeekModel.Faults f = model.faults();
        if (WeekModel.onDay(f.outage(), date)) {
            int at = WeekModel.minuteOf(f.outage());
            day.fault(at, w -> { proxy.outage(true); return List.of(); });
            day.fault(at + f.outageMinutes(), w -> { proxy.outage(false); return List.of(); });
        }
        if (WeekModel.onDay(f.secondaryRateLimit(), date)) {
            day.fault(WeekModel.minuteOf(f.secondaryRateLimit()), w -> {
                proxy.secondaryRateLimitNext(f.retryAfterSeconds());
                return List.of();
            });
        }
        if (WeekModel.onDay(f.restart(), date)) {
            day.fault(WeekModel.minuteOf(f.restart()), w -> {
                proxy.phase(Purpose.STARTUP);
                plugin.restart();
                plugin.settle();
                return List.of();
            });
        }
    }

    private Day replay(LocalDate date, WeekTimeline day, GitHubProxy proxy, WeekPlugin plugin, Random rng)
            throws Exception {
        ZonedDateTime midnight = date.atStartOfDay(model.zoneId());
        int first = proxy.size();
        int sweepEvery = 1440 / model.sweepsPerDay();
        List<TimedEvent> timed = new ArrayList<>();
        int webhooks = 0;
        int next = 0;
        List<WeekTimeline.Action> actions = day.actions;
        List<WeekSends.Sent> batch = new ArrayList<>();
        for (int minute = 0; minute < 1440; minute++) {
            clock.set(midnight.plusMinutes(minute).toInstant());
            for (; next < actions.size() && actions.get(next).minute() <= minute; next++) {
                WeekTimeline.Action a = actions.get(next);
                if (a.kind() == WeekTimeline.Kind.ALERT) {
                    webhooks++;
                    proxy.phase(Purpose.ALERT);
                    int status = plugin.alert(WeekWorld.alertNotification(clock.instant().minusSeconds(1800),
                            clock.instant().minusSeconds(60)));
                    WeekSends.check(status, "POST /alertmanager");
                    plugin.settle();
                    continue;
                }
                if (a.background()) {
                    for (WeekWorld.Event e : a.step().run(world)) {
                        String guid = guidPrefix + (++guids);
                        batch.add(new WeekSends.Sent(e, guid));
                        if (rng.nextDouble() < model.otherPrs().redeliveredShare()) {
                            batch.add(new WeekSends.Sent(e, guid));
                        }
                    }
                    continue;
                }
                webhooks += WeekSends.flush(plugin, proxy, batch);
                proxy.phase(a.purpose());
                List<WeekWorld.Event> events = a.step().run(world);
                if (a.kind() == WeekTimeline.Kind.TIDE && !events.isEmpty()) {
                    rollout(day.tag);
                }
                for (WeekWorld.Event e : events) {
                    String guid = guidPrefix + (++guids);
                    webhooks++;
                    deliver(plugin, proxy, e, guid, timed);
                    if (redeliver(a, e, date, minute)) {
                        webhooks++;
                        deliver(plugin, proxy, e, guid, timed);
                    }
                }
            }
            webhooks += WeekSends.flush(plugin, proxy, batch);
            webhooks += echo.sendBack(plugin, proxy, day.bump, () -> guidPrefix + (++guids));
            if (minute % sweepEvery == 0) {
                proxy.phase(Purpose.SWEEP);
                plugin.sweep();
                plugin.settle();
                webhooks += echo.sendBack(plugin, proxy, day.bump, () -> guidPrefix + (++guids));
            }
            if (plugin.anyDue()) {
                proxy.phase(Purpose.WAKEUP);
                plugin.settle();
                webhooks += echo.sendBack(plugin, proxy, day.bump, () -> guidPrefix + (++guids));
            }
        }
        proxy.phase(Purpose.SWEEP);
        List<String> problems = WeekModel.workingDay(date)
                ? world.endState(day.bump, day.tag, day.otherPrs, day.commands) : List.of();
        return new Day(date, webhooks, proxy.since(first), day.floorWrites, timed, liveHeap(), plugin.sizes(),
                problems);
    }

    /**
     * The day's rollout, once Tide merged the bump. The hook for rollout following (Prometheus, another branch):
     * with {@code rolloutFollowing: true} the replay must serve the rollout's series and let the plugin follow it.
     */
    private void rollout(String tag) {
        if (model.rolloutFollowing()) {
            throw new UnsupportedOperationException("rolloutFollowing: true, but the replay does not serve "
                    + "Prometheus yet: wire the rollout of " + tag + " here (WeekReplay.rollout)");
        }
    }

    /**
     * A person redelivers the model's chosen autobump events (the hold, one push), under the same delivery id:
     * GitHub's hook-delivery {@code guid} is "Unique identifier for the event (shared with all deliveries for all
     * webhooks that subscribe to this event)" (REST API, webhook deliveries; github/docs#32822).
     */
    private boolean redeliver(WeekTimeline.Action a, WeekWorld.Event e, LocalDate date, int minute) {
        WeekModel.Faults f = model.faults();
        if (a.purpose() == Purpose.COMMAND && e.json().contains("\"/hold ") && !e.json().contains("/hold cancel") && WeekModel.onDay(f.redeliverHold(), date)) {
            return true;
        }
        if (e.type().equals("pull_request") && e.json().contains("\"ref\":\"autobump\"")
                && WeekModel.onDay(f.redeliverPush(), date) && minute == WeekModel.minuteOf(f.redeliverPush())) {
            return true;
        }
        return false;
    }

    /**
     * Sends, waits until the plugin is idle, and times the first write GitHub received because of it, keeping the
     * requests made up to that write ({@link TimedEvent}). Described after the clock stopped, so it costs nothing.
     */
    private void deliver(WeekPlugin plugin, GitHubProxy proxy, WeekWorld.Event e, String guid, List<TimedEvent> timed)
            throws Exception {
        int before = proxy.size();
        long sent = System.nanoTime();
        WeekSends.check(plugin.deliver(e.type(), e.json(), guid), "POST /hook " + e.type());
        plugin.settle();
        TimedEvent.of(LocalDateTime.ofInstant(clock.instant(), model.zoneId()),
                TimedEvent.describe(e.type(), e.json()), sent, proxy.since(before)).ifPresent(timed::add);
    }

    /** Heap used after a full collection: what the whole JVM (plugin, sandbox, replay) keeps live. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
