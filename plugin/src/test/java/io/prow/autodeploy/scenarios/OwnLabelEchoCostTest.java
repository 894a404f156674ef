package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: GitHub sends a {@code pull_request} labeled/unlabeled webhook for every label change, ours included. The
 * echo of a change the plugin just made costs nothing; a person's change of the same label, or one under our account
 * that we did not make (Prow's hold plugin sharing the token), is decided on as before.
 */
class OwnLabelEchoCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READY = "autodeploy/ready";

    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final PluginHarness h = plugin.h;

    /** The webhook as GitHub sends it for a label change: the PR, the {@code label} object, who did it. */
    private void labelEvent(PullRequest pr, String action, String label, String sender) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Payloads.pullRequest(action, h.gh.peek(pr.repo(), pr.number())));
        root.putObject("label").put("name", label).put("color", "0e8a16").put("default", false);
        root.putObject("sender").put("login", sender).put("type", "Bot");
        h.send("pull_request", root.toString());
        h.settle();
    }

    @Test
    void theEchoOfOurOwnLabelCostsNothingAndAPersonsChangeIsDecidedOn() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).as("deployable: we added the label").contains(READY);

        h.gh.resetCalls();
        labelEvent(pr, "labeled", READY, h.gh.botLogin());
        assertThat(h.gh.calls()).as("the echo of our own label: nothing read").isEmpty();

        h.gh.resetCalls();
        labelEvent(pr, "labeled", READY, h.gh.botLogin());
        assertThat(h.gh.calls()).as("a second one was not ours (used up): decided on").containsKey("pullRequest");

        h.gh.removeLabel(pr.repo(), pr.number(), READY);
        h.gh.resetCalls();
        labelEvent(pr, "unlabeled", READY, "carol");
        assertThat(h.gh.calls()).as("a person took our label off: decided on").containsKey("pullRequest");
        assertThat(h.gh.peek(pr.repo(), pr.number()).labels()).as("and put back: every gate is open").contains(READY);
    }

    @Test
    void aChangeUnderOurAccountThatWeDidNotMakeIsDecidedOn() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        // Prow's hold plugin, sharing our token, puts the hold label on: the record decides, but it is read.
        h.gh.addLabels(pr.repo(), pr.number(), java.util.List.of("do-not-merge/hold"));
        h.gh.resetCalls();
        labelEvent(pr, "labeled", "do-not-merge/hold", h.gh.botLogin());
        assertThat(h.gh.calls()).containsKey("pullRequest");
    }
}
