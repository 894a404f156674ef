package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxFixture.BOT;
import static io.prow.autodeploy.sandbox.SandboxFixture.NOW;
import static io.prow.autodeploy.sandbox.SandboxFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHPullRequestQueryBuilder;

/** Pull requests, comments, labels and statuses through org.kohsuke:github-api, as the plugin's adapter calls them. */
class SandboxServerPullsTest {
    static final String TAG = "v20261124-0a1b2c3d4e";
    SandboxFixture f;
    int autobump;
    int docsFix;

    @BeforeEach
    void start() {
        f = new SandboxFixture();
        autobump = DemoRepo.bump(f.gh, TAG);
        docsFix = f.gh.openPullRequest(REPO, "bob", "bob", "fix-docs", DemoRepo.BASE, "Fix a typo",
                Map.of("README.md", "# test-infra\n"));
        f.gh.resetCalls();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void openPullRequestReadsAsTheModelHasIt() throws Exception {
        GHPullRequest pr = f.repo().getPullRequest(autobump);
        PullRequest model = f.gh.peek(REPO, autobump);

        assertThat(pr.getTitle()).isEqualTo("Update prow to " + TAG);
        assertThat(pr.getState()).isEqualTo(GHIssueState.OPEN);
        assertThat(pr.getUser().getLogin()).isEqualTo(DemoRepo.BUMPER);
        assertThat(pr.getHead().getRef()).isEqualTo("autobump");
        assertThat(pr.getHead().getSha()).isEqualTo(model.headSha());
        assertThat(pr.getHead().getUser().getLogin()).isEqualTo(DemoRepo.BUMPER);
        assertThat(pr.getHead().getRepository().getFullName()).isEqualTo("k8s-infra-ci-robot/k8s.io");
        assertThat(pr.getBase().getRef()).isEqualTo(DemoRepo.BASE);
        assertThat(pr.getBase().getSha()).isEqualTo(f.gh.peekBranchSha(REPO, DemoRepo.BASE).orElseThrow());
        assertThat(pr.getLabels()).extracting(GHLabel::getName).containsExactlyInAnyOrder("skip-review", "cncf-cla: yes");
        assertThat(pr.getCreatedAt().toInstant()).isEqualTo(NOW);
        assertThat(pr.isMerged()).isFalse();
        assertThat(pr.getMergedAt()).isNull();
        assertThat(pr.getHtmlUrl()).hasToString("https://github.com/kubernetes/k8s.io/pull/" + autobump);
        assertThat(f.gh.calls()).containsEntry("pullRequest", 1);
    }

    @Test
    void mergedHistoryKeepsItsBackdatedTimes() throws Exception {
        PullRequest model = f.gh.peek(REPO, 2);
        GHPullRequest pr = f.repo().getPullRequest(2);

        assertThat(pr.getState()).isEqualTo(GHIssueState.CLOSED);
        assertThat(pr.isMerged()).isTrue();
        assertThat(pr.getMergedAt().toInstant()).isEqualTo(model.mergedAt()).isBefore(NOW);
        assertThat(pr.getClosedAt().toInstant()).isEqualTo(model.closedAt());
    }

    record ListCase(String name, GHIssueState state, String head, String base, List<Integer> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ListCase> listCases() {
        return Stream.of(
                new ListCase("the open autobump by head and base", GHIssueState.OPEN, DemoRepo.BUMPER + ":autobump", DemoRepo.BASE, List.of(3)),
                new ListCase("merged autobumps, newest first", GHIssueState.CLOSED, DemoRepo.BUMPER + ":autobump", DemoRepo.BASE, List.of(2, 1)),
                new ListCase("everything on master", GHIssueState.ALL, null, DemoRepo.BASE, List.of(4, 3, 2, 1)),
                new ListCase("a head nobody pushed", GHIssueState.OPEN, "bob:autobump", null, List.of()),
                new ListCase("another base branch", GHIssueState.ALL, null, "release-1.0", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCases")
    void listingFiltersByStateHeadAndBase(ListCase c) throws Exception {
        GHPullRequestQueryBuilder q = f.repo().queryPullRequests().state(c.state())
                .sort(GHPullRequestQueryBuilder.Sort.UPDATED).direction(GHDirection.DESC);
        if (c.head() != null) {
            q.head(c.head());
        }
        if (c.base() != null) {
            q.base(c.base());
        }
        List<GHPullRequest> prs = q.list().withPageSize(10).toList();

        assertThat(prs).extracting(GHPullRequest::getNumber).containsExactlyElementsOf(c.expected());
        assertThat(f.gh.calls()).containsEntry("pullRequests", 1);
    }

    @Test
    void filesAreTheDeploymentsTheBumpRewrote() throws Exception {
        List<GHPullRequestFileDetail> files = f.repo().getPullRequest(autobump).listFiles().toList();
        Map<String, String> changes = f.gh.peekChanges(REPO, autobump);

        assertThat(files).extracting(GHPullRequestFileDetail::getFilename).containsExactlyInAnyOrder(
                "apps/prow/cluster/hook_deployment.yaml", "apps/prow/cluster/tide_deployment.yaml",
                "apps/prow/cluster/prow_controller_manager_deployment.yaml");
        assertThat(files).allSatisfy(file -> {
            assertThat(file.getStatus()).isEqualTo("modified");
            assertThat(file.getSha()).isEqualTo(SandboxGitObjects.blobSha(changes.get(file.getFilename())));
        });
    }

    @Test
    void statusesAreWrittenLoggedAndReadBackCombined() throws Exception {
        String sha = f.gh.peek(REPO, autobump).headSha();
        f.repo().createCommitStatus(sha, GHCommitState.PENDING, "https://prow.k8s.io/autodeploy",
                "Waiting for the deploy window", "autodeploy");

        assertThat(f.gh.peekChecks(REPO, sha)).containsEntry("autodeploy", new Check("autodeploy",
                Check.State.PENDING, "Waiting for the deploy window", "https://prow.k8s.io/autodeploy"));
        assertThat(f.gh.log()).last().isEqualTo("status autodeploy=pending \"Waiting for the deploy window\" on "
                + sha.substring(0, 7));
        assertThat(f.get("/repos/" + REPO + "/commits/" + sha + "/status").json().path("state").asText())
                .isEqualTo("pending");

        DemoRepo.pass(f.gh, autobump);
        f.repo().createCommitStatus(sha, GHCommitState.SUCCESS, null, "Deploying", "autodeploy");

        SandboxFixture.Answer combined = f.get("/repos/" + REPO + "/commits/" + sha + "/status");
        assertThat(combined.json().path("state").asText()).isEqualTo("success");
        assertThat(combined.json().path("statuses").findValuesAsText("context")).containsExactlyInAnyOrder(
                "autodeploy", "pull-test-infra-unit", "pull-test-infra-integration");
        assertThat(f.repo().listCommitStatuses(sha).toList()).hasSize(3);
        assertThat(f.repo().getCheckRuns(sha).toList()).isEmpty();
    }

    @Test
    void commentsAreCreatedListedAndEdited() throws Exception {
        GHPullRequest pr = f.repo().getPullRequest(autobump);
        GHIssueComment created = pr.comment("Autodeploy: waiting for the window");
        created.update("Autodeploy: deploying " + TAG);

        List<Comment> model = f.gh.peekComments(REPO, autobump);
        assertThat(model).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(created.getId());
            assertThat(c.author()).isEqualTo(BOT);
            assertThat(c.body()).isEqualTo("Autodeploy: deploying " + TAG);
        });
        assertThat(pr.getComments()).singleElement().satisfies(c -> {
            assertThat(c.getBody()).isEqualTo("Autodeploy: deploying " + TAG);
            assertThat(c.getUser().getLogin()).isEqualTo(BOT);
            assertThat(c.getCreatedAt().toInstant()).isEqualTo(NOW);
        });
        assertThat(f.gh.log()).containsSubsequence("#3 comment: Autodeploy: waiting for the window",
                "comment " + created.getId() + " edited: Autodeploy: deploying " + TAG);
    }

    @Test
    void labelsAreAddedAndRemovedAndAMissingOneIsNotFound() throws Exception {
        GHPullRequest pr = f.repo().getPullRequest(autobump);

        assertThat(pr.addLabels("do-not-merge/hold")).extracting(GHLabel::getName)
                .containsExactlyInAnyOrder("skip-review", "cncf-cla: yes", "do-not-merge/hold");
        assertThat(f.gh.peek(REPO, autobump).labels()).contains("do-not-merge/hold");

        pr.removeLabel("do-not-merge/hold"); // kohsuke leaves the slash unencoded
        assertThat(f.gh.peek(REPO, autobump).labels()).doesNotContain("do-not-merge/hold");
        pr.addLabels("do-not-merge/hold");
        SandboxFixture.Answer encoded = f.call("DELETE", "/repos/" + REPO + "/issues/3/labels/do-not-merge%2Fhold", null, null);
        assertThat(encoded.status()).isEqualTo(200);
        assertThat(encoded.json().findValuesAsText("name")).containsExactlyInAnyOrder("skip-review", "cncf-cla: yes");

        assertThatThrownBy(() -> pr.removeLabel("do-not-merge/hold")).isInstanceOf(GHFileNotFoundException.class)
                .hasMessageContaining("Label does not exist");
        assertThat(f.gh.calls()).containsEntry("addLabels", 2).containsEntry("removeLabel", 3);
        assertThat(f.gh.log()).endsWith("#3 label +do-not-merge/hold", "#3 label -do-not-merge/hold",
                "#3 label +do-not-merge/hold", "#3 label -do-not-merge/hold");
    }
}
