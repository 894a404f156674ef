package io.prow.autodeploy.github;

import org.junit.jupiter.api.extension.RegisterExtension;

import static io.prow.autodeploy.github.GitHubJson.checkRun;
import static io.prow.autodeploy.github.GitHubJson.fileWithoutPatch;
import static io.prow.autodeploy.github.GitHubJson.checkRuns;
import static io.prow.autodeploy.github.GitHubJson.combinedStatus;
import static io.prow.autodeploy.github.GitHubJson.comment;
import static io.prow.autodeploy.github.GitHubJson.contents;
import static io.prow.autodeploy.github.GitHubJson.file;
import static io.prow.autodeploy.github.GitHubJson.gitCommit;
import static io.prow.autodeploy.github.GitHubJson.pull;
import static io.prow.autodeploy.github.GitHubJson.ref;
import static io.prow.autodeploy.github.GitHubJson.status;
import static io.prow.autodeploy.github.GitHubJson.tree;
import static io.prow.autodeploy.github.GitHubJson.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.GitHubServerFixture.Seen;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every read of the port: the exact requests it costs and what it makes of GitHub's answers. */
class KohsukeGitHubReadsTest {
    static final RepoRef REPO = new RepoRef("o", "r");
    static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    final GitHubServerFixture gh = new GitHubServerFixture(CLOCK);

    record Case(String name, Consumer<GitHubServerFixture> answers, Function<GitHub, Object> call,
                List<Seen> expectedRequests, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static PullRequest expectedPull(int number, boolean open, Instant closedAt, Instant mergedAt, String... labels) {
        return new PullRequest(REPO, number, "Bump prow to v2025" + number, "Automated bump.", "bot-fork",
                "bot-fork", "autobump", SHA, "main", open, Instant.parse("2025-03-01T10:00:00Z"), closedAt,
                mergedAt, Set.of(labels), "https://github.com/o/r/pull/" + number);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("botLogin is GET /user once, then cached",
                        g -> g.enqueue(200, user("prow-bot")),
                        g -> List.of(g.botLogin(), g.botLogin()),
                        List.of(Seen.of("GET", "/user")),
                        List.of("prow-bot", "prow-bot")),
                new Case("pullRequest maps an open PR from a fork",
                        g -> g.enqueue(200, pull(5, "open", "bot-fork", "autobump", SHA, null, null, "lgtm",
                                "do-not-merge/hold")),
                        g -> g.pullRequest(REPO, 5),
                        List.of(Seen.of("GET", "/repos/o/r/pulls/5")),
                        expectedPull(5, true, null, null, "lgtm", "do-not-merge/hold")),
                new Case("pullRequest maps a merged PR",
                        g -> g.enqueue(200, pull(6, "closed", "bot-fork", "autobump", SHA, "2025-03-01T11:00:00Z",
                                "2025-03-01T11:00:00Z")),
                        g -> g.pullRequest(REPO, 6),
                        List.of(Seen.of("GET", "/repos/o/r/pulls/6")),
                        expectedPull(6, false, Instant.parse("2025-03-01T11:00:00Z"),
                                Instant.parse("2025-03-01T11:00:00Z"))),
                new Case("pullRequests reads exactly one page and keeps the first `limit`",
                        g -> g.enqueue(200, "[" + pull(7, "closed", "bot-fork", "autobump", SHA,
                                "2025-03-01T11:00:00Z", null) + "," + pull(5, "open", "bot-fork", "autobump", SHA,
                                null, null) + "," + pull(4, "open", "bot-fork", "autobump", SHA, null, null) + "]",
                                "Link", "<https://api.github.com/repositories/1/pulls?page=2>; rel=\"next\""),
                        g -> g.pullRequests(REPO, new PrQuery(PrQuery.State.ALL, "main", "bot-fork:autobump", 2))
                                .stream().map(PullRequest::number).toList(),
                        List.of(Seen.of("GET", "/repos/o/r/pulls").query("state", "all", "base", "main",
                                "head", "bot-fork:autobump", "sort", "updated", "direction", "desc",
                                "per_page", "2")),
                        List.of(7, 5)),
                new Case("pullRequests without base/head sends neither",
                        g -> g.enqueue(200, "[]"),
                        g -> g.pullRequests(REPO, new PrQuery(PrQuery.State.OPEN, null, null, 30)),
                        List.of(Seen.of("GET", "/repos/o/r/pulls").query("state", "open", "sort", "updated",
                                "direction", "desc", "per_page", "30")),
                        List.of()),
                new Case("changedFiles follows pagination, keeps each patch, null where GitHub sends none",
                        g -> {
                            g.enqueue(200, "[" + file("config/prow.yaml") + "]", "Link",
                                    "<" + g.server.url("/repos/o/r/pulls/5/files?per_page=100&page=2")
                                            + ">; rel=\"next\"");
                            g.enqueue(200, "[" + fileWithoutPatch("README.md") + "]");
                        },
                        g -> g.changedFiles(REPO, 5),
                        List.of(Seen.of("GET", "/repos/o/r/pulls/5/files").query("per_page", "100"),
                                Seen.of("GET", "/repos/o/r/pulls/5/files").query("per_page", "100", "page", "2")),
                        List.of(new ChangedFile("config/prow.yaml", "@@ -1 +1 @@\n-a\n+b"),
                                ChangedFile.withoutPatch("README.md"))),
                new Case("checks folds the combined status and check runs in exactly 2 requests",
                        g -> {
                            g.enqueue(200, combinedStatus(SHA, status("ci/unit", "success"),
                                    status("ci/e2e", "pending"), status("ci/lint", "error"),
                                    status("ci/fmt", "failure")));
                            g.enqueue(200, checkRuns(checkRun("build", "completed", "success"),
                                    checkRun("docs", "completed", "skipped"),
                                    checkRun("scan", "completed", "neutral"),
                                    checkRun("flaky", "completed", "timed_out"),
                                    checkRun("slow", "in_progress", null),
                                    checkRun("queued", "queued", null)));
                        },
                        g -> g.checks(REPO, SHA).stream().map(c -> c.context() + "=" + c.state()).toList(),
                        List.of(Seen.of("GET", "/repos/o/r/commits/" + SHA + "/status").query("per_page", "100"),
                                Seen.of("GET", "/repos/o/r/commits/" + SHA + "/check-runs")
                                        .query("per_page", "100")),
                        List.of("ci/unit=SUCCESS", "ci/e2e=PENDING", "ci/lint=FAILURE", "ci/fmt=FAILURE",
                                "build=SUCCESS", "docs=SUCCESS", "scan=SUCCESS", "flaky=FAILURE", "slow=PENDING",
                                "queued=PENDING")),
                new Case("comments maps author, body and time",
                        g -> g.enqueue(200, "[" + comment(11, "alice", "/hold") + "," + comment(12, "prow-bot", "ok")
                                + "]"),
                        g -> g.comments(REPO, 5),
                        List.of(Seen.of("GET", "/repos/o/r/issues/5/comments").query("per_page", "100")),
                        List.of(new Comment(11, "alice", "/hold", Instant.parse("2025-03-01T12:00:00Z"),
                                        "https://github.com/o/r/pull/5#issuecomment-11"),
                                new Comment(12, "prow-bot", "ok", Instant.parse("2025-03-01T12:00:00Z"),
                                        "https://github.com/o/r/pull/5#issuecomment-12"))),
                new Case("isOrgMember: 204 yes, 404 no, 302 no (redirect not followed)",
                        g -> {
                            g.enqueue(204, null);
                            g.enqueue(404, "{\"message\":\"Not Found\"}");
                            g.enqueue(302, null, "Location", g.server.url("/orgs/o/public_members/carol").toString());
                        },
                        g -> List.of(g.isOrgMember("o", "alice"), g.isOrgMember("o", "bob"),
                                g.isOrgMember("o", "carol")),
                        List.of(Seen.of("GET", "/orgs/o/members/alice"), Seen.of("GET", "/orgs/o/members/bob"),
                                Seen.of("GET", "/orgs/o/members/carol")),
                        List.of(true, false, false)),
                new Case("isTeamMember: active yes, pending no, 404 no",
                        g -> {
                            g.enqueue(200, "{\"url\":\"x\",\"role\":\"member\",\"state\":\"active\"}");
                            g.enqueue(200, "{\"url\":\"x\",\"role\":\"member\",\"state\":\"pending\"}");
                            g.enqueue(404, "{\"message\":\"Not Found\"}");
                        },
                        g -> List.of(g.isTeamMember("o", "deployers", "alice"),
                                g.isTeamMember("o", "deployers", "bob"), g.isTeamMember("o", "deployers", "carol")),
                        List.of(Seen.of("GET", "/orgs/o/teams/deployers/memberships/alice"),
                                Seen.of("GET", "/orgs/o/teams/deployers/memberships/bob"),
                                Seen.of("GET", "/orgs/o/teams/deployers/memberships/carol")),
                        List.of(true, false, false)),
                new Case("permission maps admin, maintain, write, triage, read, none and 404",
                        g -> {
                            for (String[] p : new String[][] {{"admin", "admin"}, {"write", "maintain"},
                                    {"write", "write"}, {"read", "triage"}, {"read", "read"}, {"none", "none"}}) {
                                g.enqueue(200, "{\"permission\":\"%s\",\"role_name\":\"%s\",\"user\":%s}"
                                        .formatted(p[0], p[1], user("u")));
                            }
                            g.enqueue(404, "{\"message\":\"Not Found\"}");
                        },
                        g -> Stream.of("a", "b", "c", "d", "e", "f", "g").map(u -> g.permission(REPO, u)).toList(),
                        Stream.of("a", "b", "c", "d", "e", "f", "g")
                                .map(u -> Seen.of("GET", "/repos/o/r/collaborators/" + u + "/permission")).toList(),
                        List.of(Permission.ADMIN, Permission.WRITE, Permission.WRITE, Permission.READ,
                                Permission.READ, Permission.NONE, Permission.NONE)),
                new Case("branchSha reads the single ref; 404 is empty",
                        g -> {
                            g.enqueue(200, ref("refs/heads/autobump", SHA));
                            g.enqueue(404, "{\"message\":\"Not Found\"}");
                        },
                        g -> List.of(g.branchSha(REPO, "autobump"), g.branchSha(REPO, "gone")),
                        List.of(Seen.of("GET", "/repos/o/r/git/ref/heads/autobump"),
                                Seen.of("GET", "/repos/o/r/git/ref/heads/gone")),
                        List.of(Optional.of(SHA), Optional.empty())),
                new Case("treePaths reads the commit's tree recursively and keeps blobs",
                        g -> {
                            g.enqueue(200, gitCommit(SHA, "tree123"));
                            g.enqueue(200, tree("tree123"));
                        },
                        g -> g.treePaths(REPO, SHA),
                        List.of(Seen.of("GET", "/repos/o/r/git/commits/" + SHA),
                                Seen.of("GET", "/repos/o/r/git/trees/tree123").query("recursive", "1")),
                        List.of("config/prow.yaml", "README.md")),
                new Case("fileText decodes GitHub's line-wrapped base64 as UTF-8",
                        g -> g.enqueue(200, contents("config/prow.yaml",
                                wrapped(Base64.getEncoder().encodeToString("tag: v1 – ünïcode\n".repeat(4)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))))),
                        g -> g.fileText(REPO, "config/prow.yaml", "main"),
                        List.of(Seen.of("GET", "/repos/o/r/contents/config/prow.yaml").query("ref", "main")),
                        "tag: v1 – ünïcode\n".repeat(4)));
    }

    /** GitHub wraps base64 content at 60 characters with literal newlines. */
    private static String wrapped(String base64) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 60) {
            out.append(base64, i, Math.min(base64.length(), i + 60)).append("\\n");
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void read(Case c) {
        c.answers().accept(gh);

        Object result = c.call().apply(gh.github);

        assertThat(result).isEqualTo(c.expected());
        assertThat(gh.seen()).containsExactlyElementsOf(c.expectedRequests());
    }
}
