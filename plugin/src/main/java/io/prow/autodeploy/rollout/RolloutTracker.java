package io.prow.autodeploy.rollout;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.RolloutConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.rollback.Deploy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rollout state machine, pure: from the latest deploy, the statuses and check runs on its merge commit and what
 * Prometheus says runs, decide merged → applying → running, or failed / stuck / unknown. Nothing is remembered
 * here: "running since" is read back from our own {@code <statusContext>/rollout} status on the merge commit
 * (GitHub is the only store), which {@link RolloutEffects} writes the first time the deploy is seen running.
 */
public final class RolloutTracker {
    private static final Pattern RECORDED = Pattern.compile("^Running (\\S+) since (\\S+)$");
    private static final int MAX_LISTED = 4;

    private RolloutTracker() {}

    /** Our own context on the merge commit, e.g. {@code autodeploy/rollout}. */
    public static String recordContext(RepoConfig c) {
        return c.merge().statusContext() + "/rollout";
    }

    /** The description of our success status: parsed back by {@link #follow}, so keep both in step. */
    public static String recordDescription(Deploy d, Instant since) {
        return "Running " + d.tag() + " since " + since;
    }

    /**
     * @param mergeChecks statuses and check runs on the deploy's merge commit (empty when it is not known)
     * @param images      Prometheus' answer; {@link ImagesAnswer#NOT_ASKED} when no Prometheus is configured
     */
    public static RolloutState follow(RepoConfig c, Optional<Deploy> latest, List<Check> mergeChecks,
                                      ImagesAnswer images, Instant now) {
        RolloutConfig r = c.rollout();
        if (!r.enabled() || latest.isEmpty()) {
            return RolloutState.notFollowed(latest);
        }
        Deploy d = latest.get();
        Optional<Instant> recorded = recorded(c, d, mergeChecks);
        if (recorded.isPresent()) {
            int n = r.prometheus().map(p -> p.containers().size()).orElse(0);
            return new RolloutState(RolloutState.Phase.RUNNING, Optional.of(d), "running", n, n, Optional.empty(),
                    List.of(), recorded, true, true);
        }
        List<String> notDone = new ArrayList<>();
        for (String context : r.contexts()) {
            Optional<Check> check = mergeChecks.stream().filter(k -> k.context().equals(context)).findFirst();
            if (check.isPresent() && check.get().state() == Check.State.FAILURE) {
                return state(RolloutState.Phase.FAILED, d, "deploy job " + context + " failed", 0,
                        r.prometheus().map(p -> p.containers().size()).orElse(0),
                        new RolloutState.FailedJob(context, check.get().url()), List.of(), Optional.empty());
            }
            if (check.isEmpty() || check.get().state() != Check.State.SUCCESS) {
                notDone.add(context + (check.isEmpty() ? " not reported" : " pending"));
            }
        }
        int total = r.prometheus().map(p -> p.containers().size()).orElse(0);
        List<String> notOnTag = List.of();
        int ready = 0;
        if (r.prometheus().isPresent()) {
            if (images.images().isEmpty()) {
                String why = images.error().orElse("not asked");
                // No container count: "0/6" would claim something we do not know.
                return state(RolloutState.Phase.UNKNOWN, d, "rollout unknown: Prometheus " + shorten(why), 0, 0,
                        null, List.of(), Optional.empty());
            }
            notOnTag = notOnTag(c, d.tag(), images.images().get());
            ready = total - notOnTag.size();
        }
        if (notDone.isEmpty() && notOnTag.isEmpty()) {
            return passed(state(RolloutState.Phase.RUNNING, d, "running", ready, total, null, List.of(),
                    Optional.of(now)), true);
        }
        String waiting = notDone.isEmpty() ? ready + "/" + total + " containers"
                : String.join(", ", notDone) + (total > 0 ? ", " + ready + "/" + total + " containers" : "");
        if (!now.isBefore(d.mergedAt().plus(r.timeout()))) {
            String what = !notDone.isEmpty() ? String.join(", ", notDone)
                    : list(notOnTag) + " not on " + d.tag();
            return state(RolloutState.Phase.STUCK, d, "not running after " + io.prow.autodeploy.config.GoDuration
                    .format(r.timeout()) + ": " + what, ready, total, null, notOnTag, Optional.empty());
        }
        return passed(state(RolloutState.Phase.APPLYING, d, "rolling out: " + waiting, ready, total, null, notOnTag,
                Optional.empty()), notDone.isEmpty());
    }

    private static RolloutState passed(RolloutState s, boolean contextsPassed) {
        return new RolloutState(s.phase(), s.deploy(), s.detail(), s.ready(), s.total(), s.failedJob(), s.notOnTag(),
                s.runningSince(), s.recorded(), contextsPassed);
    }

    /**
     * The configured containers not (yet) all on {@code tag}: a container runs the tag when at least one pod has it
     * and every pod's container does (a tag on only some pods, or two tags during a rollout, is not yet running).
     * Only images under {@code autobump.imagePrefixes} count: a sidecar of another image never matches.
     */
    static List<String> notOnTag(RepoConfig c, String tag, RunningImages images) {
        List<String> missing = new ArrayList<>();
        for (String container : c.rollout().prometheus().orElseThrow().containers()) {
            List<RunningImages.Container> pods = images.series().stream()
                    .filter(s -> container.equals(s.container())).toList();
            boolean onTag = !pods.isEmpty() && pods.stream().allMatch(s -> underPrefix(c, s.image())
                    && tag.equals(RunningImages.tagOf(s.image())));
            if (!onTag) {
                missing.add(container);
            }
        }
        return missing;
    }

    private static boolean underPrefix(RepoConfig c, String image) {
        return image != null && c.autobump().imagePrefixes().stream().anyMatch(image::startsWith);
    }

    /** Our success status for this tag on the merge commit: the deploy ran from that instant on. */
    static Optional<Instant> recorded(RepoConfig c, Deploy d, List<Check> checks) {
        String context = recordContext(c);
        return checks.stream()
                .filter(k -> k.context().equals(context) && k.state() == Check.State.SUCCESS)
                .map(k -> RECORDED.matcher(k.description() == null ? "" : k.description()))
                .filter(Matcher::matches)
                .filter(m -> m.group(1).equals(d.tag()))
                .flatMap(m -> parse(m.group(2)).stream())
                .findFirst();
    }

    private static Optional<Instant> parse(String iso) {
        try {
            return Optional.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The merge commit is not known (a source without {@code merge_commit_sha}): nothing to follow. */
    public static RolloutState unknown(Deploy d, String why) {
        return state(RolloutState.Phase.UNKNOWN, d, "rollout unknown: " + why, 0, 0, null, List.of(),
                Optional.empty());
    }

    private static String list(List<String> names) {
        return names.size() <= MAX_LISTED ? String.join(", ", names)
                : String.join(", ", names.subList(0, MAX_LISTED)) + " (+" + (names.size() - MAX_LISTED) + " more)";
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    private static RolloutState state(RolloutState.Phase phase, Deploy d, String detail, int ready, int total,
                                      RolloutState.FailedJob failed, List<String> notOnTag, Optional<Instant> since) {
        return new RolloutState(phase, Optional.of(d), detail, ready, total, Optional.ofNullable(failed), notOnTag,
                since, false, false);
    }
}
