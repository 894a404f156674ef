package io.prow.autodeploy.scenarios;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;

/** What the autobumper, CI and Tide do in scenarios, against the sandbox, and the events hook would forward. */
final class Bumps {
    private Bumps() {}

    /** test-infra at an old tag; alice is oncall, bob an org member, carol a repo admin. */
    static TestRepo seed(InMemoryGitHub gh) {
        return TestRepo.testInfra(gh).create("v20261118-a1b2c3d4e5").oncall("alice").orgMember("bob").admin("carol");
    }

    /** The autobumper opens a bump PR; CI is green on it. Returns the PR as GitHub would send it. */
    static PullRequest openGreen(PluginHarness h, String tag) {
        return h.gh.peek(PluginHarness.REPO, TestRepo.testInfra(h.gh).openGreenBump(tag));
    }

    /** The autobumper force-pushes the bump to a newer {@code tag}; returns the new head. */
    static String forcePush(PluginHarness h, PullRequest pr, String tag) {
        return TestRepo.testInfra(h.gh).forcePushBump(pr.number(), tag);
    }

    static int opened(PluginHarness h, PullRequest pr) throws Exception {
        return h.send("pull_request", Payloads.pullRequest("opened", h.gh.peek(pr.repo(), pr.number())));
    }

    static String statusText(PluginHarness h, PullRequest pr) {
        PullRequest now = h.gh.peek(pr.repo(), pr.number());
        Check c = h.gh.peekChecks(pr.repo(), now.headSha()).get("autodeploy");
        return c == null ? null : c.state() + " " + c.description();
    }

    /** A person comments and hook delivers it; returns the comment. */
    static io.prow.autodeploy.github.Comment comment(PluginHarness h, int number, boolean onPr, String author,
                                                     String body) throws Exception {
        io.prow.autodeploy.github.Comment c = h.gh.comment(PluginHarness.REPO, number, author, body);
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, number, onPr, c, "User"));
        h.settle();
        return c;
    }

    /** The bot's comments on an issue or PR, oldest first. */
    static java.util.List<io.prow.autodeploy.github.Comment> botComments(PluginHarness h, int number) {
        return h.gh.peekComments(PluginHarness.REPO, number).stream()
                .filter(c -> c.author().equals("k8s-ci-robot")).toList();
    }
}
