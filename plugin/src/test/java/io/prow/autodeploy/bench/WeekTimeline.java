package io.prow.autodeploy.bench;

import io.prow.autodeploy.bench.GitHubProxy.Purpose;
import io.prow.autodeploy.github.Check;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * One simulated day of the model as a list of timed actions (minute of the day, local to the window's zone), in
 * the order they happen, and the floor: the GitHub writes the day needs, worked out from the model's expected
 * state (not from what the plugin did). Seeded: the same model and day give the same actions.
 */
final class WeekTimeline {
    /** What the replay does at a minute. Stable order: by minute, then by creation. */
    record Action(int minute, int seq, Kind kind, Purpose purpose, Step step, boolean background) {}

    enum Kind { DELIVER, ALERT, TIDE, FAULT }

    @FunctionalInterface
    interface Step {
        /** Changes the world; returns the webhooks GitHub sends about it (none for a fault or an alert). */
        List<WeekWorld.Event> run(WeekWorld w) throws Exception;
    }

    final List<Action> actions = new ArrayList<>();
    final List<Integer> otherPrs = new ArrayList<>();
    final String tag;
    final int floorWrites;
    final int commands;
    /** The day's autobump PR number, once opened. */
    int bump = -1;
    private int seq;

    WeekTimeline(WeekModel m, LocalDate day, int dayIndex, Random rng) {
        boolean working = WeekModel.workingDay(day);
        this.tag = "v" + day.toString().replace("-", "") + "-" + hex(rng, 10);
        if (!working) {
            floorWrites = 0;
            commands = 0;
            return;
        }
        int start = m.workStart().toSecondOfDay() / 60;
        int end = m.workEnd().toSecondOfDay() / 60;
        autobump(m);
        others(m, start, end, dayIndex, rng);
        add(WeekModel.minuteOfTime(m.alertAt()), Kind.ALERT, Purpose.ALERT, w -> List.of());
        for (int t = start; t < end; t++) {
            add(t, Kind.TIDE, Purpose.DECISION, WeekWorld::tide);
        }
        actions.sort(Comparator.comparingInt(Action::minute).thenComparingInt(Action::seq));
        this.commands = 2;
        this.floorWrites = floor(m);
    }

    private void autobump(WeekModel m) {
        WeekModel.Autobump a = m.autobump();
        for (int i = 0; i < a.pushHours().size(); i++) {
            int at = a.pushHours().get(i) * 60;
            int rebase = i;
            add(at, Kind.DELIVER, Purpose.DECISION, w -> {
                WeekWorld.Event e = w.autobumpPush(tag, rebase);
                bump = w.openBump().number();
                return List.of(e);
            });
            String[] sha = new String[1];
            for (int c = 0; c < a.contexts().size(); c++) {
                String context = a.contexts().get(c);
                add(at + a.pendingAfterMinutes(), Kind.DELIVER, Purpose.DECISION, w -> {
                    sha[0] = w.headOf(bump);
                    return List.of(w.status(sha[0], context, Check.State.PENDING));
                });
                add(at + a.successAfterMinutes().get(c), Kind.DELIVER, Purpose.DECISION,
                        w -> List.of(w.status(sha[0], context, Check.State.SUCCESS)));
            }
        }
        add(WeekModel.minuteOfTime(m.oncall().holdAt()), Kind.DELIVER, Purpose.COMMAND,
                w -> List.of(w.comment(bump, WeekWorld.ONCALL, "/hold hook is crashlooping")));
        add(WeekModel.minuteOfTime(m.oncall().unholdAt()), Kind.DELIVER, Purpose.COMMAND,
                w -> List.of(w.comment(bump, WeekWorld.ONCALL, "/hold cancel")));
    }

    private void others(WeekModel m, int start, int end, int dayIndex, Random rng) {
        WeekModel.OtherPrs o = m.otherPrs();
        int span = Math.max(1, end - start - 60);
        for (int i = 0; i < o.perDay(); i++) {
            int id = dayIndex * 100_000 + i;
            int openedAt = start + rng.nextInt(span);
            int[] number = new int[1];
            for (int p = 0; p < o.pushesPerPr(); p++) {
                int at = openedAt + p * 20;
                int push = p;
                background(at, w -> {
                    if (push == 0) {
                        WeekWorld.Opened opened = w.openOther(id);
                        number[0] = opened.number();
                        otherPrs.add(number[0]);
                        return List.of(opened.event());
                    }
                    return List.of(w.pushOther(number[0], push));
                });
                String[] sha = new String[1];
                for (int c = 0; c < o.statusContextsPerPush(); c++) {
                    String context = "pull-test-infra-job-" + c;
                    int done = at + 3 + rng.nextInt(15);
                    background(at + 1, w -> {
                        sha[0] = w.headOf(number[0]);
                        return List.of(w.status(sha[0], context, Check.State.PENDING));
                    });
                    background(done, w -> List.of(w.status(sha[0], context,
                            Check.State.SUCCESS)));
                }
                for (int c = 0; c < o.checkRunsPerPush(); c++) {
                    String name = "lint-" + c;
                    background(at + 1, w -> List.of(w.checkRun(number[0],
                            w.headOf(number[0]), name, "created", false)));
                    background(at + 8, w -> List.of(w.checkRun(number[0],
                            w.headOf(number[0]), name, "completed", true)));
                }
            }
            for (int c = 0; c < o.commentsPerPr(); c++) {
                background(openedAt + 2 + rng.nextInt(40),
                        w -> List.of(w.comment(number[0], "reviewer-" + (id % 7), "Looks good, one nit inline.")));
            }
            String[] labels = {"lgtm", "approved", "size/S", "kind/bug", "area/prow"};
            for (int c = 0; c < o.labelEventsPerPr(); c++) {
                String label = labels[c % labels.length];
                background(openedAt + 5 + rng.nextInt(40),
                        w -> List.of(w.labelOther(number[0], label)));
            }
            if (i < o.mergedPerDay()) {
                background(openedAt + 55, w -> w.merge(number[0]));
            }
        }
    }

    /** Adds a fault (or any action that sends nothing) at {@code minute}. */
    void fault(int minute, Step step) {
        add(minute, Kind.FAULT, Purpose.SWEEP, step);
        actions.sort(Comparator.comparingInt(Action::minute).thenComparingInt(Action::seq));
    }

    private void add(int minute, Kind kind, Purpose purpose, Step step) {
        actions.add(new Action(minute, seq++, kind, purpose, step, false));
    }

    /** Traffic about other PRs: sent a minute's worth at a time, concurrently, as hook forwards it. */
    private void background(int minute, Step step) {
        actions.add(new Action(minute, seq++, Kind.DELIVER, Purpose.DECISION, step, true));
    }

    /**
     * The writes the day needs, from the model's expected state of the autobump PR. Our status on a head changes
     * when its state does (held / waiting for tests / success): one write per state a head passes through. Labels:
     * the hold label on and off, the merge label on. Comments: one reply per command. No branch or PR is needed
     * (no rollback in the model).
     */
    private int floor(WeekModel m) {
        WeekModel.Autobump a = m.autobump();
        int hold = WeekModel.minuteOfTime(m.oncall().holdAt());
        int unhold = WeekModel.minuteOfTime(m.oncall().unholdAt());
        List<Integer> moments = new ArrayList<>(List.of(hold, unhold));
        for (int h : a.pushHours()) {
            moments.add(h * 60);
            a.successAfterMinutes().forEach(s -> moments.add(h * 60 + s));
        }
        moments.sort(Integer::compare);
        int writes = 4 + 1; // hold label on + off, two replies; the merge label once
        int lastHead = -1;
        String lastState = "";
        for (int t : moments) {
            int head = -1;
            for (int h : a.pushHours()) {
                if (h * 60 <= t) {
                    head = h * 60;
                }
            }
            if (head < 0) {
                continue;
            }
            int greenAt = head + a.successAfterMinutes().stream().max(Integer::compare).orElseThrow();
            String state = t >= hold && t < unhold ? "held" : t >= greenAt ? "success" : "waiting";
            if (head != lastHead || !state.equals(lastState)) {
                writes++;
            }
            lastHead = head;
            lastState = state;
            if (state.equals("success")) {
                break; // Tide merges: nothing more to write that day
            }
        }
        return writes;
    }

    private static String hex(Random rng, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(rng.nextInt(16), 16));
        }
        return b.toString();
    }
}
