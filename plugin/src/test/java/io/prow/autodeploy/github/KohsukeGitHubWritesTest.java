package io.prow.autodeploy.github;

import org.junit.jupiter.api.extension.RegisterExtension;

import static io.prow.autodeploy.github.GitHubJson.comment;
import static io.prow.autodeploy.github.GitHubJson.gitCommit;
import static io.prow.autodeploy.github.GitHubJson.label;
import static io.prow.autodeploy.github.GitHubJson.pull;
import static io.prow.autodeploy.github.GitHubJson.ref;
import static io.prow.autodeploy.github.GitHubJson.sha;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.GitHubServerFixture.Seen;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mutation of the port: method, path, query and JSON body of each request, and how many it costs. */
class KohsukeGitHubWritesTest {
    static final RepoRef REPO = KohsukeGitHubReadsTest.REPO;
    static final String SHA = KohsukeGitHubReadsTest.SHA;
    static final String PARENT = "1111111111111111111111111111111111111111";

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(KohsukeGitHubReadsTest.CLOCK);

    record Case(String name, Consumer<GitHubServerFixture> answers, Function<GitHub, Object> call,
                List<Seen> expectedRequests, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("config/prow.yaml", "tag: v2\n");
        files.put("README.md", "hello\n");
        return Stream.of(
                new Case("addLabels is one POST with all labels",
                        g -> g.enqueue(200, "[" + label("lgtm") + "," + label("approved") + "]"),
                        g -> {
                            g.addLabels(REPO, 5, List.of("lgtm", "approved"));
                            return "done";
                        },
                        List.of(Seen.of("POST", "/repos/o/r/issues/5/labels")
                                .body("{\"labels\":[\"lgtm\",\"approved\"]}")),
                        "done"),
                new Case("removeLabel percent-encodes the slash in the label name",
                        g -> g.enqueue(200, "[]"),
                        g -> {
                            g.removeLabel(REPO, 5, "do-not-merge/hold");
                            return "done";
                        },
                        List.of(Seen.of("DELETE", "/repos/o/r/issues/5/labels/do-not-merge%2Fhold")),
                        "done"),
                new Case("removeLabel of a label that is not there (404) succeeds",
                        g -> g.enqueue(404, "{\"message\":\"Label does not exist\"}"),
                        g -> {
                            g.removeLabel(REPO, 5, "lgtm");
                            return "done";
                        },
                        List.of(Seen.of("DELETE", "/repos/o/r/issues/5/labels/lgtm")),
                        "done"),
                new Case("setStatus posts state, context, description and target_url",
                        g -> g.enqueue(201, GitHubJson.status("autodeploy", "pending")),
                        g -> {
                            g.setStatus(REPO, SHA, StatusState.PENDING, "autodeploy", "waiting for window",
                                    "https://deck.example.com/pr/5");
                            return "done";
                        },
                        List.of(Seen.of("POST", "/repos/o/r/statuses/" + SHA).body("""
                                {"state":"pending","context":"autodeploy","description":"waiting for window",
                                 "target_url":"https://deck.example.com/pr/5"}""")),
                        "done"),
                new Case("createComment posts the body and maps the answer",
                        g -> g.enqueue(201, comment(77, "prow-bot", "Deploy held")),
                        g -> g.createComment(REPO, 5, "Deploy held"),
                        List.of(Seen.of("POST", "/repos/o/r/issues/5/comments").body("{\"body\":\"Deploy held\"}")),
                        new Comment(77, "prow-bot", "Deploy held", Instant.parse("2025-03-01T12:00:00Z"),
                                "https://github.com/o/r/pull/5#issuecomment-77")),
                new Case("editComment patches the comment by id",
                        g -> g.enqueue(200, comment(77, "prow-bot", "Deploy released")),
                        g -> {
                            g.editComment(REPO, 77, "Deploy released");
                            return "done";
                        },
                        List.of(Seen.of("PATCH", "/repos/o/r/issues/comments/77")
                                .body("{\"body\":\"Deploy released\"}")),
                        "done"),
                new Case("deleteComment is one DELETE by id",
                        g -> g.enqueue(204, null),
                        g -> {
                            g.deleteComment(REPO, 77);
                            return "done";
                        },
                        List.of(Seen.of("DELETE", "/repos/o/r/issues/comments/77")),
                        "done"),
                new Case("deleteComment of a comment already gone succeeds (404 swallowed)",
                        g -> g.enqueue(404, "{\"message\":\"Not Found\"}"),
                        g -> {
                            g.deleteComment(REPO, 77);
                            return "done";
                        },
                        List.of(Seen.of("DELETE", "/repos/o/r/issues/comments/77")),
                        "done"),
                new Case("createCommit: parent's tree, one blob per file, one tree, one commit",
                        g -> {
                            g.enqueue(200, gitCommit(PARENT, "basetree"));
                            g.enqueue(201, sha("blobreadme"));
                            g.enqueue(201, sha("blobprow"));
                            g.enqueue(201, "{\"sha\":\"newtree\",\"url\":\"x\",\"tree\":[],\"truncated\":false}");
                            g.enqueue(201, gitCommit("2222222222222222222222222222222222222222", "newtree"));
                        },
                        g -> g.createCommit(REPO, PARENT, "Bump prow", files),
                        List.of(Seen.of("GET", "/repos/o/r/git/commits/" + PARENT),
                                Seen.of("POST", "/repos/o/r/git/blobs")
                                        .body("{\"content\":\"hello\\n\",\"encoding\":\"utf-8\"}"),
                                Seen.of("POST", "/repos/o/r/git/blobs")
                                        .body("{\"content\":\"tag: v2\\n\",\"encoding\":\"utf-8\"}"),
                                Seen.of("POST", "/repos/o/r/git/trees").body("""
                                        {"base_tree":"basetree","tree":[
                                         {"path":"README.md","mode":"100644","type":"blob","sha":"blobreadme"},
                                         {"path":"config/prow.yaml","mode":"100644","type":"blob","sha":"blobprow"}]}"""),
                                Seen.of("POST", "/repos/o/r/git/commits").body("""
                                        {"message":"Bump prow","tree":"newtree","parents":["%s"]}""".formatted(PARENT))),
                        "2222222222222222222222222222222222222222"),
                new Case("setBranch force-moves an existing branch in one PATCH",
                        g -> g.enqueue(200, ref("refs/heads/autobump", SHA)),
                        g -> {
                            g.setBranch(REPO, "autobump", SHA);
                            return "done";
                        },
                        List.of(Seen.of("PATCH", "/repos/o/r/git/refs/heads/autobump")
                                .body("{\"sha\":\"%s\",\"force\":true}".formatted(SHA))),
                        "done"),
                new Case("setBranch creates the branch when the PATCH answers 422",
                        g -> {
                            g.enqueue(422, "{\"message\":\"Reference does not exist\"}");
                            g.enqueue(201, ref("refs/heads/autobump", SHA));
                        },
                        g -> {
                            g.setBranch(REPO, "autobump", SHA);
                            return "done";
                        },
                        List.of(Seen.of("PATCH", "/repos/o/r/git/refs/heads/autobump")
                                        .body("{\"sha\":\"%s\",\"force\":true}".formatted(SHA)),
                                Seen.of("POST", "/repos/o/r/git/refs")
                                        .body("{\"ref\":\"refs/heads/autobump\",\"sha\":\"%s\"}".formatted(SHA))),
                        "done"),
                new Case("createPullRequest posts title, head, base, body and maps the new PR",
                        g -> g.enqueue(201, pull(9, "open", "bot-fork", "autobump", SHA, null, null)),
                        g -> g.createPullRequest(REPO, "Bump prow", "autobump", "main", "Automated bump.").number(),
                        List.of(Seen.of("POST", "/repos/o/r/pulls").body("""
                                {"title":"Bump prow","head":"autobump","base":"main","body":"Automated bump.",
                                 "maintainer_can_modify":true,"draft":false}""")),
                        9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void write(Case c) {
        c.answers().accept(gh);

        Object result = c.call().apply(gh.github);

        assertThat(result).isEqualTo(c.expected());
        assertThat(gh.seen()).containsExactlyElementsOf(c.expectedRequests());
    }
}
