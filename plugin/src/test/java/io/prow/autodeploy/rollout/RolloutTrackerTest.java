package io.prow.autodeploy.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.sandbox.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutTrackerTest {
    static final String NEW = "v20261130-1a2b3c4d5e";
    static final String OLD = "v20261124-0f0e0d0c0b";
    static final Instant MERGED = Instant.parse("2026-11-30T18:02:00Z");
    static final Deploy DEPLOY = new Deploy(42, NEW, Deploy.Kind.AUTOBUMP, MERGED,
            "https://github.com/kubernetes/test-infra/pull/42");
    static final String JOB_URL = "https://prow.k8s.io/view/gs/kubernetes-jenkins/logs/post-test-infra-deploy-prow/1";
    static final RepoConfig BOTH = RolloutConfigs.both("http://prometheus.monitoring:9090");

    /** One table row: what GitHub and Prometheus say, how long after the merge, and the expected state. */
    record Case(String name, RepoConfig config, List<Check> checks, ImagesAnswer images, Duration after,
                RolloutState.Phase phase, String detail, String containers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Check job(Check.State state) {
        return new Check(RolloutConfigs.CONTEXT, state, "Job " + state.name().toLowerCase(), JOB_URL);
    }

    /** Every listed container on {@code tag} in two pods each, except those named in {@code others}. */
    static ImagesAnswer pods(String tag, String... others) {
        List<RunningImages.Container> series = new ArrayList<>();
        for (String c : List.of("hook", "tide", "deck")) {
            boolean behind = List.of(others).contains(c);
            series.add(new RunningImages.Container(c + "-a", c, RolloutConfigs.PREFIX + c + ":" + tag));
            series.add(new RunningImages.Container(c + "-b", c, RolloutConfigs.PREFIX + c + ":" + (behind ? OLD : tag)));
        }
        series.add(new RunningImages.Container("hook-a", "oauth-proxy", "quay.io/oauth2-proxy:v7.5.1"));
        return ImagesAnswer.of(new RunningImages(series));
    }

    static Stream<Case> cases() {
        Duration soon = Duration.ofMinutes(5);
        Duration late = Duration.ofMinutes(30);
        String recordedOk = RolloutTracker.recordDescription(DEPLOY, MERGED.plus(Duration.ofMinutes(7)));
        return Stream.of(
                new Case("not configured: merged is running", RolloutConfigs.off(), List.of(), ImagesAnswer.NOT_ASKED,
                        soon, RolloutState.Phase.NOT_FOLLOWED, "merged (rollout not followed)", ""),
                new Case("job not reported yet: applying", BOTH, List.of(), pods(OLD), soon,
                        RolloutState.Phase.APPLYING,
                        "rolling out: post-test-infra-deploy-prow not reported, 0/3 containers", "0/3 containers"),
                new Case("job running: applying", BOTH, List.of(job(Check.State.PENDING)), pods(OLD), soon,
                        RolloutState.Phase.APPLYING,
                        "rolling out: post-test-infra-deploy-prow pending, 0/3 containers", "0/3 containers"),
                new Case("job done, some containers on the tag", BOTH, List.of(job(Check.State.SUCCESS)),
                        pods(NEW, "deck"), soon, RolloutState.Phase.APPLYING, "rolling out: 2/3 containers",
                        "2/3 containers"),
                new Case("a tag on only some pods is not running", BOTH, List.of(job(Check.State.SUCCESS)),
                        pods(NEW, "hook", "tide", "deck"), soon, RolloutState.Phase.APPLYING,
                        "rolling out: 0/3 containers", "0/3 containers"),
                new Case("everything on the tag: running", BOTH, List.of(job(Check.State.SUCCESS)), pods(NEW), soon,
                        RolloutState.Phase.RUNNING, "running", "3/3 containers"),
                new Case("job failed", BOTH, List.of(job(Check.State.FAILURE)), pods(OLD), soon,
                        RolloutState.Phase.FAILED, "deploy job post-test-infra-deploy-prow failed", "0/3 containers"),
                new Case("job re-run passed after failing: GitHub shows the latest", BOTH,
                        List.of(job(Check.State.SUCCESS)), pods(NEW), soon, RolloutState.Phase.RUNNING, "running",
                        "3/3 containers"),
                new Case("context never appears: stuck at the timeout", BOTH, List.of(), pods(NEW), late,
                        RolloutState.Phase.STUCK,
                        "not running after 30m: post-test-infra-deploy-prow not reported", "3/3 containers"),
                new Case("one minute before the timeout: still applying", BOTH, List.of(), pods(NEW),
                        late.minusMinutes(1), RolloutState.Phase.APPLYING,
                        "rolling out: post-test-infra-deploy-prow not reported, 3/3 containers", "3/3 containers"),
                new Case("containers left behind: stuck naming them", BOTH, List.of(job(Check.State.SUCCESS)),
                        pods(NEW, "tide", "deck"), late, RolloutState.Phase.STUCK,
                        "not running after 30m: tide, deck not on " + NEW, "1/3 containers"),
                new Case("Prometheus down: unknown", BOTH, List.of(job(Check.State.SUCCESS)),
                        ImagesAnswer.failed("unreachable: connection refused"), soon, RolloutState.Phase.UNKNOWN,
                        "rollout unknown: Prometheus unreachable: connection refused", ""),
                new Case("Prometheus down past the timeout: still unknown, not stuck", BOTH,
                        List.of(job(Check.State.SUCCESS)), ImagesAnswer.failed("timed out"), late,
                        RolloutState.Phase.UNKNOWN, "rollout unknown: Prometheus timed out", ""),
                new Case("a failed job wins over Prometheus down", BOTH, List.of(job(Check.State.FAILURE)),
                        ImagesAnswer.failed("timed out"), soon, RolloutState.Phase.FAILED,
                        "deploy job post-test-infra-deploy-prow failed", "0/3 containers"),
                new Case("contexts only: job success is running", RolloutConfigs.contextsOnly(),
                        List.of(job(Check.State.SUCCESS)), ImagesAnswer.NOT_ASKED, soon,
                        RolloutState.Phase.RUNNING, "running", ""),
                new Case("recorded running on the merge commit: running from then, whatever Prometheus says now",
                        BOTH, List.of(job(Check.State.SUCCESS), new Check("autodeploy/rollout", Check.State.SUCCESS,
                        recordedOk, null)), ImagesAnswer.failed("down"), late, RolloutState.Phase.RUNNING,
                        "running", "3/3 containers"),
                new Case("a recorded status for another tag does not count", BOTH,
                        List.of(job(Check.State.SUCCESS), new Check("autodeploy/rollout", Check.State.SUCCESS,
                        "Running " + OLD + " since 2026-11-24T10:00:00Z", null)), pods(OLD), soon,
                        RolloutState.Phase.APPLYING, "rolling out: 0/3 containers", "0/3 containers"),
                new Case("no series for a container: not running", BOTH, List.of(job(Check.State.SUCCESS)),
                        ImagesAnswer.of(new RunningImages(List.of(
                                new RunningImages.Container("hook-a", "hook", RolloutConfigs.PREFIX + "hook:" + NEW)))),
                        soon, RolloutState.Phase.APPLYING, "rolling out: 1/3 containers", "1/3 containers"),
                new Case("the tag under another registry does not count", BOTH, List.of(job(Check.State.SUCCESS)),
                        ImagesAnswer.of(new RunningImages(Stream.of("hook", "tide", "deck").map(c ->
                                new RunningImages.Container(c + "-a", c, "evil.example/" + c + ":" + NEW)).toList())),
                        soon, RolloutState.Phase.APPLYING, "rolling out: 0/3 containers", "0/3 containers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void follows(Case c) {
        ManualClock clock = new ManualClock(MERGED);
        clock.advance(c.after());
        RolloutState s = RolloutTracker.follow(c.config(), Optional.of(DEPLOY), c.checks(), c.images(),
                clock.instant());
        assertEquals(c.phase(), s.phase(), s.detail());
        assertEquals(c.detail(), s.detail());
        assertEquals(c.containers(), s.containers());
        if (c.phase() == RolloutState.Phase.FAILED) {
            assertEquals(JOB_URL, s.failedJob().orElseThrow().url());
        }
        if (c.name().startsWith("recorded")) {
            assertEquals(MERGED.plus(Duration.ofMinutes(7)), s.runningSince().orElseThrow());
        } else if (c.phase() == RolloutState.Phase.RUNNING) {
            assertEquals(clock.instant(), s.runningSince().orElseThrow(), "first seen running now");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("tags")
    void tagOfImage(String image, String tag) {
        assertEquals(tag, RunningImages.tagOf(image));
    }

    static Stream<Arguments> tags() {
        return Stream.of(
                Arguments.of(RolloutConfigs.PREFIX + "hook:" + NEW, NEW),
                Arguments.of(RolloutConfigs.PREFIX + "hook:" + NEW + "@sha256:abcd", NEW),
                Arguments.of("localhost:5000/hook", ""),
                Arguments.of("hook", ""),
                Arguments.of(null, ""));
    }
}
