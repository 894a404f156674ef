package io.prow.autodeploy.rollback;

import io.prow.autodeploy.commands.CommandInvocation;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.TestConfig;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * test-infra in the sandbox: Prow's cluster files deployed by a series of merged autobump PRs, one a day, and the
 * next autobump PR open (the one a hold lands on). Setup calls are not counted as the plugin's API calls.
 */
public final class RollbackWorld {
    public static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");
    public static final String BOT = "autodeploy-bot";
    public static final String ONCALL = "oncall-alice";
    public static final String A = "v20261119-0a1b2c3d4e";
    public static final String B = "v20261120-bbbbbbbbb";
    public static final String C = "v20261121-c0ffee1234";
    public static final String NEXT = "v20261124-1a2b3c4d5e";

    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-19T17:00:00Z"));
    public final InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
    private final TestRepo repo;
    public final RepoConfig config;
    public final int openAutobump;
    public final RecordingHolds holds;
    public final RecordingReplies replies = new RecordingReplies();

    private RollbackWorld(RepoConfig config, List<String> deployedTags) {
        this.config = config;
        repo = TestRepo.testInfra(gh).onBase(config.baseBranch()).withManifests(ProwManifests::at);
        Map<String, String> files = new LinkedHashMap<>(ProwManifests.at(deployedTags.get(0)));
        files.putAll(ProwManifests.untouchable(deployedTags.get(0)));
        repo.create(files);
        deployedTags.forEach(this::autobump);
        openAutobump = repo.openBump(NEXT);
        holds = new RecordingHolds(() -> Optional.of(gh.peek(REPO, openAutobump)));
    }

    /** The repo after each of {@code tags} was deployed in order by a merged autobump PR. */
    public static RollbackWorld deployed(String... tags) {
        return new RollbackWorld(defaultConfig(), List.of(tags));
    }

    public static RollbackWorld deployed(RepoConfig config, String... tags) {
        return new RollbackWorld(config, List.of(tags));
    }

    /** test-infra's settings ({@link TestConfig#testInfra()}) without the keys a rollback never reads. */
    static TestConfig config() {
        return TestConfig.testInfra().remove("merge.ignoredContexts").remove("window.blackouts").remove("hold")
                .remove("oncall.users");
    }

    public static RepoConfig defaultConfig() {
        return config().repoConfig();
    }

    public static RepoConfig withRollbackMerge(RepoConfig c, RepoConfig.RollbackMerge merge) {
        return new RepoConfig(c.repo(), c.baseBranch(), c.autobump(), c.merge(), c.window(), c.hold(),
                new RepoConfig.Rollback(c.rollback().whoCan(), merge), c.alerts(), c.oncall());
    }

    /** The autobumper opens its PR and Tide merges it; a day passes. Returns the PR number. */
    public int autobump(String tag) {
        int number = repo.mergedBump(tag);
        clock.advance(Duration.ofDays(1));
        return number;
    }

    /** Someone merges our rollback PR, as Tide would; a day passes. */
    public void mergeAndWait(int number) {
        gh.merge(REPO, number);
        clock.advance(Duration.ofDays(1));
    }

    /** Oncall comments on the open autobump PR; {@code args} is what the registry would extract. */
    public CommandInvocation oncallComments(String body, String args) {
        Comment c = gh.comment(REPO, openAutobump, ONCALL, body);
        return new CommandInvocation(config, openAutobump, true, ONCALL, c, args, "delivery-" + c.id());
    }

    /** The plan for {@code tag}, which must be possible. */
    public RollbackPlan plan(String tag) {
        PlanOutcome outcome = new RollbackPlanner(gh, gh).plan(config, Optional.ofNullable(tag));
        if (outcome instanceof PlanOutcome.Planned planned) {
            return planned.plan();
        }
        throw new AssertionError("expected a plan, got " + outcome);
    }

    public List<PullRequest> rollbackPrs() {
        return gh.peekAll(REPO).stream().filter(p -> p.headRef().startsWith(RollbackTitle.BRANCH_PREFIX)).toList();
    }

    public List<String> rollbackBranches() {
        return gh.peekBranches(REPO).stream().filter(b -> b.startsWith(RollbackTitle.BRANCH_PREFIX)).sorted()
                .toList();
    }

    /** The whole tree at the head of {@code branch}, for byte-for-byte comparisons. */
    public Map<String, String> tree(String branch) {
        return gh.peekTree(REPO, branch);
    }
}
