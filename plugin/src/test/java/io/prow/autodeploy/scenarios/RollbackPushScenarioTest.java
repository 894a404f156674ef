package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17.4(b), through hook's path: a push to the bot's rollback PR by anyone else takes the merge label off, sets a
 * failing {@code autodeploy} status naming the commit, and says so once; the bot's own push changes nothing.
 */
class RollbackPushScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READY = "autodeploy/ready";
    private static final String TAG = "v20261118-a1b2c3d4e5";
    private static final String BRANCH = "autodeploy/rollback-" + TAG;

    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    /** The rollback PR as the plugin opens it: its own commit, its own branch, labelled for Tide. */
    private PullRequest botRollbackPr() {
        String bot = h.gh.botLogin();
        String base = h.gh.branchSha(PluginHarness.REPO, "master").orElseThrow();
        String sha = h.gh.createCommit(PluginHarness.REPO, base, "Roll back Prow to " + TAG,
                TestRepo.testInfra(h.gh).files(TAG));
        h.gh.setBranch(PluginHarness.REPO, BRANCH, sha);
        PullRequest pr = h.gh.createPullRequest(PluginHarness.REPO, "Roll back Prow to " + TAG
                + " (from v20261125-1a2b3c4d5e)", BRANCH, "master", "body");
        h.gh.addLabels(PluginHarness.REPO, pr.number(), List.of(READY));
        assertThat(pr.author()).isEqualTo(bot);
        return h.gh.peek(PluginHarness.REPO, pr.number());
    }

    /** {@code pull_request} {@code synchronize} as GitHub sends it: before, after and the pusher as sender. */
    private int synchronize(PullRequest before, PullRequest after, String sender) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Payloads.pullRequest("synchronize", after));
        root.put("before", before.headSha());
        root.put("after", after.headSha());
        ObjectNode s = root.putObject("sender");
        s.put("login", sender);
        s.put("type", sender.endsWith("[bot]") ? "Bot" : "User");
        return h.send("pull_request", root.toString());
    }

    record Case(String name, String sender, boolean foreign) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> pushes() {
        return Stream.of(new Case("a writer adds a workflow file", "mallory", true),
                new Case("an org member's push", "bob", true),
                new Case("the bot's own push (a retried rollback moving its branch)", "k8s-ci-robot", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushes")
    void aPushBySomeoneElseUnlabelsFailsTheStatusAndSaysSoOnce(Case c) throws Exception {
        PullRequest before = botRollbackPr();
        Map<String, String> changes = new LinkedHashMap<>(TestRepo.testInfra(h.gh).files(TAG));
        changes.put(".github/workflows/x.yaml", "on: push\njobs: {}\n");
        String pushed = h.gh.forcePush(PluginHarness.REPO, before.number(), before.title(), changes);
        PullRequest after = h.gh.peek(PluginHarness.REPO, before.number());

        assertThat(synchronize(before, after, c.sender())).isEqualTo(200);
        h.settle();
        assertThat(synchronize(before, after, c.sender())).as("redelivered").isEqualTo(200);
        h.settle();

        PullRequest now = h.gh.peek(PluginHarness.REPO, before.number());
        List<Comment> comments = h.gh.peekComments(PluginHarness.REPO, before.number());
        if (!c.foreign()) {
            assertThat(now.labels()).contains(READY);
            assertThat(Bumps.statusText(h, now)).isNull();
            assertThat(comments).isEmpty();
            return;
        }
        assertThat(now.labels()).doesNotContain(READY);
        assertThat(Bumps.statusText(h, now)).isEqualTo("FAILURE Not mergeable: commit " + pushed.substring(0, 7)
                + " was pushed by @" + c.sender() + ", not by the autodeploy bot");
        assertThat(comments).singleElement().satisfies(cm -> assertThat(cm.body())
                .startsWith("@" + c.sender() + " pushed " + pushed + " to this rollback PR")
                .contains("close this PR and comment `/rollback " + TAG + "`"));
    }
}
