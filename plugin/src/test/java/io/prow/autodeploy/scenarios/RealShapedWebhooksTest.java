package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.DemoRepo;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event type the plugin takes, as GitHub sends it today for kubernetes/k8s.io's autobump PR (from the bot's
 * fork k8s-infra-ci-robot/k8s.io, check events with {@code pull_requests: []} as GitHub sends for fork PRs,
 * {@code null} bodies, labels), signed and POSTed through the real HookHandler on the embedded (k8s.io) config:
 * each answers 200 and leads to the decision it should.
 */
class RealShapedWebhooksTest {
    static final String TAG = "v20261130-1a2b3c4d5e";
    static final String READY = "autodeploy/ready";
    static final String DEPLOYING = "SUCCESS Deploying " + TAG + " (all gates open)";

    private PluginHarness h;
    private PullRequest pr;

    @org.junit.jupiter.api.AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private void start() throws Exception {
        start(true);
    }

    /** {@code green}: CI has passed on the bump's head already; otherwise tests have not reported yet. */
    private void start(boolean green) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-30T17:30:00Z")); // Mon 09:30 in Los Angeles
        InMemoryGitHub gh = new InMemoryGitHub(clock, "prow-autodeploy-bot");
        DemoRepo.seed(gh, clock);
        h = new PluginHarness(clock, TestConfig.k8sIo()
                .oncallTeams(DemoRepo.ORG + "/" + DemoRepo.ONCALL_TEAM).yaml(), gh);
        int n = DemoRepo.bump(gh, TAG);
        if (green) {
            DemoRepo.pass(gh, n);
        }
        pr = gh.peek(DemoRepo.REPO, n);
        assertThat(pr.headRepo()).isEqualTo("k8s-infra-ci-robot/k8s.io");
    }

    private Map<String, String> vars() {
        PullRequest now = h.gh.peek(DemoRepo.REPO, pr.number());
        Map<String, String> v = new HashMap<>();
        v.put("NUMBER", Integer.toString(now.number()));
        v.put("TITLE", now.title());
        v.put("HEAD_SHA", now.headSha());
        v.put("BASE_SHA", h.gh.branchSha(DemoRepo.REPO, DemoRepo.BASE).orElseThrow());
        v.put("BEFORE_SHA", "0000000000000000000000000000000000000000");
        return v;
    }

    private int send(String type, String file, Map<String, String> extra) throws Exception {
        Map<String, String> v = vars();
        v.putAll(extra);
        String body = Payloads.realShaped(file, v);
        new ObjectMapper().readTree(body); // the fixture is JSON after substitution
        int code = h.send(type, body);
        h.settle();
        return code;
    }

    private String status() {
        PullRequest now = h.gh.peek(DemoRepo.REPO, pr.number());
        Check c = h.gh.peekChecks(DemoRepo.REPO, now.headSha()).get("autodeploy");
        return c == null ? null : c.state() + " " + c.description();
    }

    private boolean ready() {
        return h.gh.peek(DemoRepo.REPO, pr.number()).labels().contains(READY);
    }

    @Test
    void pullRequestOpenedFromTheBotsForkDeploys() throws Exception {
        start();
        {
            assertThat(send("pull_request", "pull_request.opened.json", Map.of())).isEqualTo(200);
            assertThat(status()).isEqualTo(DEPLOYING);
            assertThat(ready()).isTrue();
        }
    }

    @Test
    void forcePushThenTitleEditMovesTheDecisionToTheNewTag() throws Exception {
        start();
        {
            send("pull_request", "pull_request.opened.json", Map.of());
            String old = pr.title();
            String newer = "v20261130-9f8e7d6c5b";
            DemoRepo.bump(h.gh, newer);
            DemoRepo.pass(h.gh, pr.number());
            assertThat(send("pull_request", "pull_request.synchronize.json", Map.of())).isEqualTo(200);
            assertThat(send("pull_request", "pull_request.edited.json", Map.of("OLD_TITLE", old))).isEqualTo(200);
            assertThat(status()).isEqualTo("SUCCESS Deploying " + newer + " (all gates open)");
        }
    }

    @Test
    void labeledByAnotherBotChangesNothing() throws Exception {
        start();
        {
            send("pull_request", "pull_request.opened.json", Map.of());
            assertThat(send("pull_request", "pull_request.labeled.json", Map.of())).isEqualTo(200);
            assertThat(status()).isEqualTo(DEPLOYING);
        }
    }

    @Test
    void holdCommentOnAPrWithANullBodyHolds() throws Exception {
        start();
        {
            send("pull_request", "pull_request.opened.json", Map.of());
            long id = h.gh.comment(DemoRepo.REPO, pr.number(), "alice", "/hold hook 5xx").id();
            assertThat(send("issue_comment", "issue_comment.created.json",
                    Map.of("COMMENT_ID", Long.toString(id), "BODY", "/hold hook 5xx"))).isEqualTo(200);
            assertThat(h.gh.peek(DemoRepo.REPO, pr.number()).labels()).contains("do-not-merge/hold")
                    .doesNotContain(READY);
            assertThat(status()).startsWith("PENDING Held by @alice: hook 5xx");
        }
    }

    @Test
    void statusOnTheHeadDecides() throws Exception {
        start(false);
        {
            send("pull_request", "pull_request.opened.json", Map.of());
            assertThat(status()).startsWith("PENDING Waiting: ");
            assertThat(ready()).isFalse();
            DemoRepo.pass(h.gh, pr.number()); // CI reports: the event below is the plugin's only news of it
            assertThat(send("status", "status.json", Map.of("CONTEXT", "pull-k8sio-verify", "STATE", "success")))
                    .isEqualTo(200);
            assertThat(status()).isEqualTo(DEPLOYING);
        }
    }

    @Test
    void checkRunWithNoPullRequestsFindsTheBumpByItsHeadSha() throws Exception {
        start(false);
        {
            send("pull_request", "pull_request.opened.json", Map.of());
            assertThat(status()).startsWith("PENDING Waiting: ");
            assertThat(ready()).isFalse();
            DemoRepo.pass(h.gh, pr.number()); // CI reports: the event below is the plugin's only news of it
            assertThat(send("check_run", "check_run.completed.json", Map.of("CONTEXT", "verify", "STATE", "success")))
                    .isEqualTo(200);
            assertThat(status()).isEqualTo(DEPLOYING);
        }
    }

    @Test
    void checkSuiteWithNoPullRequestsFindsTheBumpByItsHeadSha() throws Exception {
        start(false);
        {
            send("pull_request", "pull_request.opened.json", Map.of());
            assertThat(status()).startsWith("PENDING Waiting: ");
            assertThat(ready()).isFalse();
            DemoRepo.pass(h.gh, pr.number()); // CI reports: the event below is the plugin's only news of it
            assertThat(send("check_suite", "check_suite.completed.json", Map.of())).isEqualTo(200);
            assertThat(status()).isEqualTo(DEPLOYING);
        }
    }

    @Test
    void pushToMainSweepsTheRepo() throws Exception {
        start();
        {
            assertThat(send("push", "push.main.json", Map.of())).isEqualTo(200);
            assertThat(status()).as("the sweep after a push to main decides the open bump").isEqualTo(DEPLOYING);
        }
    }
}
