package io.prow.autodeploy.scenarios;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.Payloads;
import java.util.Map;

/** What the autobumper, CI and Tide do in scenarios, against the sandbox, and the events hook would forward. */
final class Bumps {
    static final String IMAGE = "us-docker.pkg.dev/k8s-infra-prow/images/hook:";
    static final String FILE = "config/prow/cluster/hook_deployment.yaml";

    private Bumps() {}

    static void seed(InMemoryGitHub gh) {
        gh.createRepo(PluginHarness.REPO, "master", Map.of(FILE, deployment("v20261118-a1b2c3d4e5"),
                "README.md", "# test-infra\n"));
        gh.addTeamMember("kubernetes", "test-infra-oncall", "alice");
        gh.addOrgMember("kubernetes", "bob");
        gh.setPermission(PluginHarness.REPO, "carol", Permission.ADMIN);
    }

    static String deployment(String tag) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hook\nspec:\n  template:\n    spec:\n"
                + "      containers:\n      - name: hook\n        image: " + IMAGE + tag + "\n";
    }

    static String title(String tag) {
        return "Update Prow to " + tag;
    }

    /** The autobumper opens a bump PR; CI is green on it. Returns the PR as GitHub would send it. */
    static PullRequest openGreen(PluginHarness h, String tag) {
        int n = h.gh.openPullRequest(PluginHarness.REPO, "k8s-ci-robot", "k8s-ci-robot", "autobump", "master",
                title(tag), Map.of(FILE, deployment(tag)));
        PullRequest pr = h.gh.peek(PluginHarness.REPO, n);
        h.gh.setCheck(PluginHarness.REPO, pr.headSha(), "pull-test-infra-unit", Check.State.SUCCESS);
        return pr;
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
