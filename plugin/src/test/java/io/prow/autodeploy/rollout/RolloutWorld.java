package io.prow.autodeploy.rollout;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.ProwManifests;
import io.prow.autodeploy.rollback.RecordingHolds;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * test-infra in the sandbox with OLD deployed and NEW just merged (its merge commit known), the rollout followed
 * through a Prometheus the test scripts ({@link #images}) or a real one ({@link #withQuery}).
 */
final class RolloutWorld {
    static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");
    static final String BOT = "autodeploy-bot";
    static final String OLD = "v20261124-0f0e0d0c0b";
    static final String NEW = "v20261130-1a2b3c4d5e";
    static final String JOB_URL = "https://prow.k8s.io/view/gs/kubernetes-jenkins/logs/post-test-infra-deploy-prow/7";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T18:00:00Z"));
    final InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
    final RepoConfig config;
    final RecordingHolds holds = new RecordingHolds(Optional::empty);
    final int oldPr;
    final int newPr;
    List<RunningImages.Container> images = new ArrayList<>();
    PrometheusException prometheusDown;
    final RunningImagesSource source;
    final RolloutFollower follower;
    final RolloutEffects effects;

    RolloutWorld(RepoConfig config) {
        this(config, null);
    }

    /** {@code query}: a real Prometheus client; null = the scripted {@link #images}. */
    RolloutWorld(RepoConfig config, RunningImagesSource.Query query) {
        this.config = config;
        TestRepo repo = TestRepo.testInfra(gh).onBase(config.baseBranch()).withManifests(ProwManifests::at);
        repo.create(ProwManifests.at(OLD));
        oldPr = repo.mergedBump(OLD);
        clock.advance(Duration.ofDays(1));
        newPr = repo.mergedBump(NEW);
        Ticker ticker = () -> clock.instant().toEpochMilli() * 1_000_000L;
        source = new RunningImagesSource(query != null ? query : (url, q, t) -> {
            if (prometheusDown != null) {
                throw prometheusDown;
            }
            return new RunningImages(images);
        }, ticker);
        follower = new RolloutFollower(gh, source, clock);
        effects = new RolloutEffects(gh, gh, holds);
        gh.resetCalls();
    }

    String mergeSha() {
        return gh.peek(REPO, newPr).mergeCommitSha();
    }

    void job(Check.State state) {
        gh.setCheck(REPO, mergeSha(), RolloutConfigs.CONTEXT, state);
    }

    /** Every listed container in two pods; {@code onNew} of them (in order hook, tide, deck) fully on NEW. */
    void rolledOut(int onNew) {
        images = new ArrayList<>();
        List<String> containers = List.of("hook", "tide", "deck");
        for (int i = 0; i < containers.size(); i++) {
            String c = containers.get(i);
            String tag = i < onNew ? NEW : OLD;
            images.add(new RunningImages.Container(c + "-1", c, RolloutConfigs.PREFIX + c + ":" + tag));
            images.add(new RunningImages.Container(c + "-2", c, RolloutConfigs.PREFIX + c + ":" + tag));
        }
    }

    List<PullRequest> closed() {
        return gh.pullRequests(REPO, new PrQuery(PrQuery.State.CLOSED, config.baseBranch(), null, 100));
    }

    /** One sweep: follow and act; returns the state. {@code holdReason}: the hold on the autobump PR, if any. */
    RolloutState sweep(Optional<String> holdReason) {
        List<PullRequest> closed = closed();
        RolloutState s = follower.follow(config, closed);
        effects.act(config, s, closed, holdReason);
        return s;
    }

    RolloutState sweep() {
        return sweep(Optional.empty());
    }
}
