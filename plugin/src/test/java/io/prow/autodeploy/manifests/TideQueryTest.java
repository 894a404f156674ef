package io.prow.autodeploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.DemoRepo;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * manifests/tide-query.yaml against PRs exactly as the plugin leaves them (the whole plugin over the k8s.io-shaped
 * sandbox, embedded default config). Tide's matching, as kubernetes-sigs/prow implements it: pkg/config/tide.go
 * (constructQuery: repo:/org:/-repo:, author:, label:"a","b" per entry, -label: per missingLabels entry, base:
 * and -base:) and pkg/tide/status.go (requirementDiff: github.NormLogin on the author, "a,b" = a or b). Queries are
 * ORed: a PR merges if it matches any.
 */
class TideQueryTest {
    static final String BOT = "prow-autodeploy-bot";
    static final String MON_0930_LA = "2026-11-30T17:30:00Z";
    static final String SAT_1000_LA = "2026-12-05T18:00:00Z";

    record Query(List<String> orgs, List<String> repos, List<String> excludedRepos, String author,
                 List<String> labels, List<String> missingLabels, List<String> includedBranches,
                 List<String> excludedBranches) {
        static Query of(JsonNode q) {
            return new Query(list(q, "orgs"), list(q, "repos"), list(q, "excludedRepos"), q.path("author").asText(""),
                    list(q, "labels"), list(q, "missingLabels"), list(q, "includedBranches"),
                    list(q, "excludedBranches"));
        }

        boolean matches(PullRequest pr) {
            String repo = pr.repo().toString();
            boolean inScope = (repos.contains(repo) || orgs.contains(pr.repo().owner())) && !excludedRepos.contains(repo);
            boolean author = this.author.isEmpty() || norm(this.author).equals(norm(pr.author()));
            boolean branch = !excludedBranches.contains(pr.baseRef())
                    && (includedBranches.isEmpty() || includedBranches.contains(pr.baseRef()));
            boolean labelsPresent = labels.stream()
                    .allMatch(l -> List.of(l.split(",")).stream().anyMatch(pr.labels()::contains));
            boolean noneMissing = missingLabels.stream().noneMatch(pr.labels()::contains);
            return pr.open() && inScope && author && branch && labelsPresent && noneMissing;
        }

        private static String norm(String login) { // github.NormLogin
            return login.replaceFirst("^@", "").toLowerCase(Locale.ROOT);
        }

        private static List<String> list(JsonNode q, String key) {
            List<String> out = new ArrayList<>();
            q.path(key).forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    static List<Query> queries() throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Path.of("manifests/tide-query.yaml").toFile());
        List<Query> out = new ArrayList<>();
        root.path("tide").path("queries").forEach(q -> out.add(Query.of(q)));
        return out;
    }

    /** Indexes of the queries that match {@code pr}. */
    static List<Integer> matching(PullRequest pr) throws Exception {
        List<Query> qs = queries();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            if (qs.get(i).matches(pr)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The shared query of test-infra's config.yaml today (kubernetes/k8s.io and kubernetes/test-infra). */
    static final Query TODAY = new Query(List.of(), List.of("kubernetes/k8s.io", "kubernetes/test-infra"), List.of(),
            "k8s-infra-ci-robot", List.of("skip-review", "cncf-cla: yes"), List.of("do-not-merge",
            "do-not-merge/blocked-paths", "do-not-merge/contains-merge-commits", "do-not-merge/hold",
            "do-not-merge/invalid-commit-message", "do-not-merge/invalid-owners-file",
            "do-not-merge/release-note-label-needed", "do-not-merge/work-in-progress"), List.of(), List.of());

    private static PluginHarness plugin(String now) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse(now));
        InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
        DemoRepo.seed(gh, clock);
        String config = TestConfig.k8sIo()
                .oncallTeams(DemoRepo.ORG + "/" + DemoRepo.ONCALL_TEAM).yaml();
        return new PluginHarness(clock, config, gh);
    }

    private static PullRequest bump(PluginHarness h, String tag) throws Exception {
        int n = DemoRepo.bump(h.gh, tag);
        DemoRepo.pass(h.gh, n);
        h.send("pull_request", Payloads.pullRequest("opened", h.gh.peek(DemoRepo.REPO, n)));
        h.settle();
        return h.gh.peek(DemoRepo.REPO, n);
    }

    private static void comment(PluginHarness h, int number, String who, String body) throws Exception {
        h.send("issue_comment", Payloads.issueComment(DemoRepo.REPO, number, true,
                h.gh.comment(DemoRepo.REPO, number, who, body), "User"));
        h.settle();
    }

    @Test
    void theFileHasTheThreeQueriesAndKeepsTheRealMissingLabels() throws Exception {
        List<Query> qs = queries();
        assertThat(qs).hasSize(3);
        assertThat(qs).allSatisfy(q -> assertThat(q.missingLabels()).isEqualTo(TODAY.missingLabels()));
        assertThat(qs.get(1).repos()).containsExactly("kubernetes/k8s.io");
        assertThat(qs.get(1).labels()).containsExactlyInAnyOrder("autodeploy/ready", "skip-review", "cncf-cla: yes");
        assertThat(qs).noneSatisfy(q -> assertThat(q.repos()).contains("kubernetes/k8s.io")
                .contains("kubernetes/test-infra"));
    }

    @Test
    void aDeployableBumpAsThePluginLeavesItMatchesTheK8sIoQuery() throws Exception {
        try (PluginHarness h = plugin(MON_0930_LA)) {
            PullRequest pr = bump(h, "v20261130-1a2b3c4d5e");
            assertThat(pr.labels()).contains("autodeploy/ready");
            assertThat(matching(pr)).containsExactly(1);
        }
    }

    @Test
    void aWaitingBumpMatchesNoQueryThoughTodaysSharedQueryWouldMergeIt() throws Exception {
        try (PluginHarness h = plugin(SAT_1000_LA)) {
            PullRequest pr = bump(h, "v20261205-0badc0ffee");
            assertThat(pr.labels()).doesNotContain("autodeploy/ready").contains("skip-review", "cncf-cla: yes");
            assertThat(matching(pr)).isEmpty();
            assertThat(TODAY.matches(pr)).as("why the shared query must be replaced, not added to").isTrue();
        }
    }

    @Test
    void aHeldBumpMatchesNoQuery() throws Exception {
        try (PluginHarness h = plugin(MON_0930_LA)) {
            PullRequest pr = bump(h, "v20261130-1a2b3c4d5e");
            comment(h, pr.number(), "alice", "/hold hook 5xx, investigating");
            PullRequest held = h.gh.peek(DemoRepo.REPO, pr.number());
            assertThat(held.labels()).contains("do-not-merge/hold");
            assertThat(matching(held)).isEmpty();
        }
    }

    @Test
    void aRollbackPrAsThePluginOpensItMatchesTheRollbackQueryOnly() throws Exception {
        try (PluginHarness h = plugin(MON_0930_LA)) {
            PullRequest pr = bump(h, "v20261130-1a2b3c4d5e");
            comment(h, pr.number(), "alice", "/rollback");
            PullRequest rollback = h.gh.peekAll(DemoRepo.REPO).stream()
                    .filter(p -> p.title().startsWith("Roll back Prow to")).findFirst().orElseThrow();
            assertThat(rollback.author()).isEqualTo(BOT);
            assertThat(matching(rollback)).containsExactly(2);
            assertThat(matching(h.gh.peek(DemoRepo.REPO, pr.number()))).as("the bump it holds").isEmpty();
        }
    }
}
