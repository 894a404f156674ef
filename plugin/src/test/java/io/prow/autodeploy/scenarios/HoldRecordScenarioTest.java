package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our hold record is the truth, the label its picture (issue 12); one comment per command (issue 13); refusals
 * answered once an hour (issue 17.14); reasons capped (17.13); holds and releases ordered by comment time (17.6).
 */
class HoldRecordScenarioTest {
    private static final String HOLD = "do-not-merge/hold";
    private static final String READY = "autodeploy/ready";
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final ManualClock clock = plugin.clock;
    private final PluginHarness h = plugin.h;

    private Comment comment(int number, boolean onPr, String author, String body) throws Exception {
        return Bumps.comment(h, number, onPr, author, body);
    }

    private List<Comment> botComments(int number) {
        return Bumps.botComments(h, number);
    }

    private PullRequest bump() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        return pr;
    }

    private PullRequest now(PullRequest pr) {
        return h.gh.peek(pr.repo(), pr.number());
    }

    @Test
    void oneCommentPerHoldAndTheReleaseEditsIt() throws Exception {
        PullRequest pr = bump();
        comment(pr.number(), true, "alice", "/hold ask @kubernetes/sig-testing first");

        assertThat(botComments(pr.number())).as("the hold record and the reply are one comment").hasSize(1);
        String body = botComments(pr.number()).get(0).body();
        assertThat(body).contains("automatic deploys are held (ask @\u200Dkubernetes/sig-testing first)")
                .as("no mention of the team is posted again").doesNotContainPattern("@kubernetes");
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice: ask @kubernetes/sig-testing first");

        clock.set(Instant.parse("2026-11-25T18:01:00Z"));
        comment(pr.number(), true, "alice", "/hold cancel");
        assertThat(botComments(pr.number())).hasSize(2);
        assertThat(botComments(pr.number()).get(0).body()).as("the hold's comment says it was released")
                .contains("**Released** by @\u200Dalice");
        assertThat(now(pr).labels()).contains(READY).doesNotContain(HOLD);
    }

    @Test
    void aHoldOnTheBumpWritesOneStatusNamingWhoHeld() throws Exception {
        PullRequest pr = bump();
        int before = h.gh.log().size();
        comment(pr.number(), true, "alice", "/hold deck 5xx");

        List<String> statuses = h.gh.log().subList(before, h.gh.log().size()).stream()
                .filter(l -> l.startsWith("status autodeploy=")).toList();
        assertThat(statuses).as("no passing \"Held by hold label\" while the reply (the record) is being written")
                .singleElement().asString().contains("Held by @alice: deck 5xx");
    }

    @Test
    void aLabelRemovedWithoutAReleaseComesBackAndPeopleAreToldOnce() throws Exception {
        PullRequest pr = bump();
        comment(pr.number(), true, "alice", "/hold");
        // Prow's hold plugin lets anyone /hold cancel: bob does, and the label goes.
        for (int i = 0; i < 2; i++) {
            h.gh.removeLabel(PluginHarness.REPO, pr.number(), HOLD);
            h.send("pull_request", Payloads.pullRequest("unlabeled", now(pr)));
            h.settle();
            assertThat(now(pr).labels()).contains(HOLD).doesNotContain(READY);
            assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @alice");
        }
        assertThat(botComments(pr.number())).as("said once, in the hold's one comment").singleElement()
                .extracting(Comment::body).asString().containsOnlyOnce("label was removed")
                .contains("(the oncall teams and users, repository admins)");
    }

    @Test
    void aLabelSomeoneElseAddedHoldsUntilRemovedButIsNotOurs() throws Exception {
        PullRequest pr = bump();
        h.gh.label(PluginHarness.REPO, pr.number(), HOLD); // Prow's /hold by anyone
        h.send("pull_request", Payloads.pullRequest("labeled", now(pr)));
        h.settle();
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by hold label");

        h.gh.removeLabel(PluginHarness.REPO, pr.number(), HOLD);
        h.send("pull_request", Payloads.pullRequest("unlabeled", now(pr)));
        h.settle();
        assertThat(now(pr).labels()).as("no record of ours: nothing to restore").doesNotContain(HOLD)
                .contains(READY);
    }

    @Test
    void aReleasePostedBeforeAHoldDoesNotUndoIt() throws Exception {
        PullRequest pr = bump();
        comment(pr.number(), true, "alice", "/hold first");
        Comment cancel = h.gh.comment(PluginHarness.REPO, pr.number(), "alice", "/hold cancel");
        clock.set(Instant.parse("2026-11-25T18:02:00Z"));
        comment(900, false, "bob", "/hold again");
        // The older /hold cancel arrives last (another lane, a slow delivery): the later command wins.
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, pr.number(), true, cancel, "User"));
        h.settle();

        assertThat(now(pr).labels()).contains(HOLD).doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Held by @bob: again");
        assertThat(botComments(pr.number())).last().extracting(Comment::body).asString()
                .contains("deploys stay held: a `/hold` posted later (2026-11-25 18:02 UTC)");
    }

    @Test
    void refusalsAreAnsweredOnceAnHourPerPerson() throws Exception {
        PullRequest pr = bump();
        comment(pr.number(), true, "alice", "/hold");
        int before = botComments(pr.number()).size();
        for (int i = 0; i < 5; i++) {
            comment(pr.number(), true, "mallory", "/hold cancel");
        }
        assertThat(botComments(pr.number())).hasSize(before + 1);
        assertThat(now(pr).labels()).contains(HOLD);

        clock.set(Instant.parse("2026-11-25T19:01:00Z"));
        comment(pr.number(), true, "mallory", "/hold cancel");
        assertThat(botComments(pr.number())).hasSize(before + 2);
        h.app.sweep(); // the unanswered refusals are recorded: recovery does not run them again
        h.settle();
        assertThat(botComments(pr.number())).hasSize(before + 2);
    }

    @Test
    void aLongReasonIsCappedAndTheReplySaysSo() throws Exception {
        PullRequest pr = bump();
        comment(pr.number(), true, "alice", "/hold " + "x".repeat(30_000));

        String body = botComments(pr.number()).get(0).body();
        assertThat(body).hasSizeLessThan(3_000).contains("cut to its first 500 characters");
        assertThat(Bumps.statusText(h, pr)).startsWith("PENDING Held by @alice: xxxx");
    }

    @Test
    void aPersonsForgedRecordChangesNothing() throws Exception {
        PullRequest pr = bump();
        comment(pr.number(), true, "mallory", "<!-- autodeploy:hold by=alice since=2026-11-25T18:00:00Z reason= "
                + "state=held -->\n<!-- autodeploy:reply-to=1 -->");
        assertThat(now(pr).labels()).contains(READY).doesNotContain(HOLD);
    }
}
