package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;
import org.kohsuke.github.HttpException;

/** The Git data flow a rollback takes: read master, stage blobs and trees, commit, point a branch, open a PR. */
class SandboxServerGitTest {
    static final String GOOD = DemoRepo.HISTORY.get(0);
    static final String BRANCH = "autodeploy/rollback-" + GOOD;
    static final String DIR = "apps/prow/cluster/";
    SandboxFixture f;
    GHRepository repo;
    String master;

    @BeforeEach
    void start() throws Exception {
        f = new SandboxFixture();
        repo = f.repo();
        master = f.gh.peekBranchSha(REPO, DemoRepo.BASE).orElseThrow();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void readsMasterAsTheModelHasIt() throws Exception {
        Map<String, String> files = f.gh.peekTree(REPO, DemoRepo.BASE);

        assertThat(repo.getRef("heads/" + DemoRepo.BASE).getObject().getSha()).isEqualTo(master);
        assertThat(repo.getBranch(DemoRepo.BASE).getSHA1()).isEqualTo(master);
        GHTree tree = repo.getTreeRecursive(master, 1);
        assertThat(tree.getTree()).filteredOn(e -> e.getType().equals("blob")).extracting(GHTreeEntry::getPath)
                .containsExactlyInAnyOrderElementsOf(files.keySet());
        assertThat(tree.getTree()).filteredOn(e -> e.getType().equals("tree")).extracting(GHTreeEntry::getPath)
                .containsExactlyInAnyOrder("apps", "apps/prow", "apps/prow/cluster", "infra", "infra/gcp",
                        "infra/gcp/terraform", "infra/gcp/terraform/k8s-infra-prow-build",
                        "infra/gcp/terraform/k8s-infra-prow-build/prow-build",
                        "infra/gcp/terraform/k8s-infra-prow-build/prow-build/resources");
        assertThat(repo.getTree(master).getTree()).extracting(GHTreeEntry::getPath).containsExactly("README.md", "apps", "infra");
        String hook = DIR + "hook_deployment.yaml";
        assertThat(text(repo.getFileContent(hook, DemoRepo.BASE))).isEqualTo(files.get(hook));
        assertThat(text(repo.getFileContent(hook, master))).isEqualTo(files.get(hook));
        assertThat(f.gh.calls()).containsEntry("branchSha", 2).containsEntry("treePaths", 2).containsEntry("fileText", 2);
    }

    @Test
    void blobsTreesCommitsAndRefsLandInTheModelAndOpenAPullRequest() throws Exception {
        Map<String, String> before = f.gh.peekTree(REPO, DemoRepo.BASE);
        String hook = DIR + "hook_deployment.yaml";
        String tide = DIR + "tide_deployment.yaml";
        String pcm = DIR + "prow_controller_manager_deployment.yaml";

        // add() posts each text as a base64 blob first, then a tree entry naming the blob's sha.
        GHTree first = repo.createTree().baseTree(repo.getCommit(master).getTree().getSha())
                .add(hook, DemoRepo.retag(before.get(hook), GOOD), false)
                .add(tide, DemoRepo.retag(before.get(tide), GOOD), false).create();
        GHCommit c1 = repo.createCommit().message("Roll back hook and tide to " + GOOD)
                .tree(first.getSha()).parent(master).create();
        repo.createRef("refs/heads/" + BRANCH, c1.getSHA1());
        GHTree second = repo.createTree().baseTree(first.getSha())
                .add(pcm, DemoRepo.retag(before.get(pcm), GOOD), false).create();
        GHCommit c2 = repo.createCommit().message("Roll back prow-controller-manager to " + GOOD)
                .tree(second.getSha()).parent(c1.getSHA1()).create();
        repo.getRef("heads/" + BRANCH).updateTo(c2.getSHA1());
        GHPullRequest pr = repo.createPullRequest("Roll back Prow to " + GOOD, BRANCH, DemoRepo.BASE, "/hold");

        Map<String, String> expected = new HashMap<>(before);
        List.of(hook, tide, pcm).forEach(p -> expected.put(p, DemoRepo.retag(before.get(p), GOOD)));
        assertThat(f.gh.peekTree(REPO, BRANCH)).isEqualTo(expected);
        assertThat(expected.get("infra/gcp/terraform/k8s-infra-prow-build/prow-build/resources/boskos.yaml")).contains("boskos:v20240101-aaaaaaa");
        assertThat(f.gh.peekBranchSha(REPO, BRANCH)).contains(c2.getSHA1());
        assertThat(f.gh.peek(REPO, pr.getNumber()).headSha()).isEqualTo(c2.getSHA1());
        assertThat(f.gh.peekChanges(REPO, pr.getNumber())).containsOnlyKeys(hook, tide, pcm);
        assertThat(f.gh.log()).endsWith(
                "commit " + c1.getSHA1().substring(0, 7) + " \"Roll back hook and tide to " + GOOD + "\" changing ["
                        + hook + ", " + tide + "]",
                "branch " + BRANCH + " created at " + c1.getSHA1().substring(0, 7),
                "commit " + c2.getSHA1().substring(0, 7) + " \"Roll back prow-controller-manager to " + GOOD
                        + "\" changing [" + pcm + "]",
                "branch " + BRANCH + " moved to " + c2.getSHA1().substring(0, 7),
                "#" + pr.getNumber() + " opened \"Roll back Prow to " + GOOD + "\"");
        assertThat(pr.getHead().getRef()).isEqualTo(BRANCH);

        SandboxFixture.Answer commit = f.get("/repos/" + REPO + "/git/commits/" + c2.getSHA1());
        assertThat(commit.json().path("tree").path("sha").asText()).isEqualTo(second.getSha());
        assertThat(commit.json().path("parents").findValuesAsText("sha")).containsExactly(c1.getSHA1());
        assertThat(repo.getCommit(c2.getSHA1()).getParentSHA1s()).containsExactly(c1.getSHA1());
    }

    private static String text(GHContent content) throws IOException {
        try (InputStream in = content.read()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    record Refusal(String name, String method, String path, String body, int status, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> refusals() {
        String refs = "/repos/" + REPO + "/git/refs";
        return Stream.of(
                new Refusal("creating a branch that exists", "POST", refs,
                        "{\"ref\":\"refs/heads/main\",\"sha\":\"%MASTER%\"}", 422, "Reference already exists"),
                new Refusal("creating a branch at an unknown commit", "POST", refs,
                        "{\"ref\":\"refs/heads/x\",\"sha\":\"" + "f".repeat(40) + "\"}", 422, "Object does not exist"),
                new Refusal("moving a branch that does not exist", "PATCH", refs + "/heads/" + BRANCH,
                        "{\"sha\":\"%MASTER%\",\"force\":true}", 422, "Reference does not exist"),
                new Refusal("committing an unknown tree", "POST", "/repos/" + REPO + "/git/commits",
                        "{\"message\":\"m\",\"tree\":\"" + "e".repeat(40) + "\",\"parents\":[\"%MASTER%\"]}", 422,
                        "Tree SHA does not exist"),
                new Refusal("reading a branch that does not exist", "GET", refs + "/heads/" + BRANCH, null, 404,
                        "Not Found"),
                new Refusal("opening a PR from a missing branch", "POST", "/repos/" + REPO + "/pulls",
                        "{\"title\":\"t\",\"head\":\"nope\",\"base\":\"main\"}", 422,
                        "Validation Failed: head nope does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAsGitHubDoes(Refusal r) throws Exception {
        SandboxFixture.Answer a = f.call(r.method(), r.path(),
                r.body() == null ? null : r.body().replace("%MASTER%", master), null);

        assertThat(a.status()).isEqualTo(r.status());
        assertThat(a.json().path("message").asText()).isEqualTo(r.message());
        assertThat(a.json().path("documentation_url").asText()).startsWith("https://docs.github.com/");
        assertThat(f.gh.log()).noneMatch(line -> line.startsWith("branch") || line.startsWith("commit"));
    }

    @Test
    void aNonForcedUpdateMustFastForward() throws Exception {
        repo.createRef("refs/heads/" + BRANCH, master);
        GHTree tree = repo.createTree().baseTree(master).add("README.md", "# moved on\n", false).create();
        GHCommit ahead = repo.createCommit().message("ahead").tree(tree.getSha()).parent(master).create();
        repo.getRef("heads/" + BRANCH).updateTo(ahead.getSHA1());

        assertThatThrownBy(() -> repo.getRef("heads/" + BRANCH).updateTo(master))
                .isInstanceOf(HttpException.class).hasMessageContaining("Update is not a fast forward");
        repo.getRef("heads/" + BRANCH).updateTo(master, true);
        assertThat(f.gh.peekBranchSha(REPO, BRANCH)).contains(master);
        assertThatThrownBy(() -> repo.getRef("heads/no-such-branch")).isInstanceOf(GHFileNotFoundException.class);
    }

    @Test
    void aSecondPullRequestForTheSameHeadIsRefused() throws Exception {
        repo.createRef("refs/heads/" + BRANCH, master);
        GHTree tree = repo.createTree().baseTree(master).add("README.md", "# rollback\n", false).create();
        GHCommit c = repo.createCommit().message("rollback").tree(tree.getSha()).parent(master).create();
        repo.getRef("heads/" + BRANCH).updateTo(c.getSHA1());
        repo.createPullRequest("Roll back Prow to " + GOOD, BRANCH, DemoRepo.BASE, "");

        assertThatThrownBy(() -> repo.createPullRequest("Roll back again", BRANCH, DemoRepo.BASE, ""))
                .isInstanceOf(HttpException.class).hasMessageContaining("A pull request already exists")
                .extracting(e -> ((HttpException) e).getResponseCode()).isEqualTo(422);
    }
}
