package io.prow.autodeploy.reliability;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Instant;

/**
 * The repository the reliability and security tests start from, on the embedded default config: two bumps already
 * deployed ({@link #FIRST}, then {@link #CURRENT}, a day earlier), and a green bump ({@link #NEXT}) that is about to
 * open on Wednesday 2026-11-25 10:00 in Los Angeles, inside the window and past pacing. So a clean delivery of its
 * "opened" event deploys it, and {@code /rollback FIRST} has something to go back to. People, one per role:
 * {@code alice} (oncall team), {@code bob} (org member), {@code carol} (repo admin), {@code dan} (outside
 * collaborator with write), {@code mallory} (nobody).
 */
public final class DeployWorld {
    public static final RepoRef REPO = PluginHarness.REPO;
    public static final String BOT = "k8s-ci-robot";
    public static final String READY = "autodeploy/ready";
    public static final String HOLD = "do-not-merge/hold";
    public static final String FIRST = "v20261123-0a1b2c3d4e";
    public static final String CURRENT = "v20261124-1b2c3d4e5f";
    public static final String NEXT = "v20261125-2c3d4e5f6a";
    public static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private DeployWorld() {}

    /** A fresh GitHub holding the world, with the clock left at {@link #NOW}. */
    public static InMemoryGitHub github(ManualClock clock) {
        InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
        TestRepo repo = TestRepo.testInfra(gh);
        clock.set(Instant.parse("2026-11-23T18:00:00Z"));
        repo.create("v20261120-9f9f9f9f9f");
        gh.merge(REPO, openBump(gh, FIRST));
        clock.set(Instant.parse("2026-11-24T18:00:00Z"));
        gh.merge(REPO, openBump(gh, CURRENT));
        clock.set(NOW);
        repo.oncall("alice").orgMember("alice").orgMember("bob").admin("carol").writer("dan");
        return gh;
    }

    /** The autobumper opens a bump to {@code tag} with green CI; returns its number. */
    public static int openBump(InMemoryGitHub gh, String tag) {
        return TestRepo.testInfra(gh).openGreenBump(tag);
    }

    public static String opened(InMemoryGitHub gh, int number) {
        return Payloads.pullRequest("opened", gh.peek(REPO, number));
    }

    public static String status(InMemoryGitHub gh, int number, String state) {
        PullRequest pr = gh.peek(REPO, number);
        return Payloads.status(REPO, pr.headSha(), "pull-test-infra-unit", state);
    }

    /** A person comments {@code body} on {@code number}; returns the issue_comment payload hook would send. */
    public static String comment(InMemoryGitHub gh, int number, String author, String body) {
        Comment c = gh.comment(REPO, number, author, body);
        return Payloads.issueComment(REPO, number, true, c, "User");
    }
}
