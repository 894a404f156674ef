package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.DemoRepo.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.PullRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoRepoTest {
    static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
    static final String DIR = "apps/prow/cluster/";
    static final String BOSKOS_FILE = "infra/gcp/terraform/k8s-infra-prow-build/prow-build/resources/boskos.yaml";
    static final String BOSKOS = "gcr.io/k8s-staging-boskos/boskos:v20240101-aaaaaaa";
    final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    InMemoryGitHub gh;

    @BeforeEach
    void seed() {
        gh = new InMemoryGitHub(Clock.fixed(NOW, ZoneOffset.UTC), "prow-autodeploy-bot");
        DemoRepo.seed(gh, gh.clock());
    }

    @Test
    void masterDeploysTheLastMergedBumpAsKubernetesDeployments() throws Exception {
        Map<String, String> master = gh.peekTree(REPO, DemoRepo.BASE);

        assertThat(master).containsKeys("README.md", DIR + "hook_deployment.yaml", DIR + "tide_deployment.yaml",
                DIR + "prow_controller_manager_deployment.yaml", BOSKOS_FILE);
        assertThat(images(master)).containsExactlyInAnyOrder(
                DemoRepo.PREFIX + "hook:" + DemoRepo.HISTORY.get(1),
                DemoRepo.PREFIX + "tide:" + DemoRepo.HISTORY.get(1),
                DemoRepo.PREFIX + "prow-controller-manager:" + DemoRepo.HISTORY.get(1),
                BOSKOS);
        assertThat(master.get(DIR + "hook_deployment.yaml")).contains("# bumped by the autobump job");
    }

    @Test
    void historyIsTwoMergedAutobumpsByTheBotBeforeNow() {
        List<PullRequest> prs = gh.peekAll(REPO);

        assertThat(prs).extracting(PullRequest::title).containsExactly(
                "Update prow to " + DemoRepo.HISTORY.get(0), "Update prow to " + DemoRepo.HISTORY.get(1));
        assertThat(prs).allSatisfy(pr -> {
            assertThat(pr.merged()).isTrue();
            assertThat(pr.author()).isEqualTo("k8s-infra-ci-robot");
            assertThat(pr.headRepo() + ":" + pr.headRef()).isEqualTo("k8s-infra-ci-robot/k8s.io:autobump");
            assertThat(pr.mergedAt()).isBefore(NOW.minus(Duration.ofHours(12)));
            assertThat(pr.createdAt()).isBefore(pr.mergedAt());
        });
        assertThat(prs.get(0).mergedAt()).isBefore(prs.get(1).mergedAt());
    }

    @Test
    void theOrgHasAnOncallTeamAMemberAndTheBot() {
        assertThat(gh.isTeamMember("kubernetes", "test-infra-oncall", "alice")).isTrue();
        assertThat(gh.isTeamMember("kubernetes", "test-infra-oncall", "bob")).isFalse();
        assertThat(gh.isOrgMember("kubernetes", "bob")).isTrue();
        assertThat(gh.isOrgMember("kubernetes", "prow-autodeploy-bot")).isTrue();
        assertThat(gh.permission(REPO, "alice")).isEqualTo(Permission.WRITE);
        assertThat(gh.permission(REPO, "carol")).isEqualTo(Permission.NONE);
    }

    @Test
    void bumpOpensThenForcePushesTheSamePullRequestAndKeepsAHold() throws Exception {
        int first = DemoRepo.bump(gh, "v20261124-0a1b2c3d4e");
        String firstSha = gh.peek(REPO, first).headSha();
        gh.label(REPO, first, "do-not-merge/hold");
        int second = DemoRepo.bump(gh, "v20261125-9f8e7d6c5b");
        PullRequest pr = gh.peek(REPO, second);

        assertThat(second).isEqualTo(first);
        assertThat(pr.title()).isEqualTo("Update prow to v20261125-9f8e7d6c5b");
        assertThat(pr.headSha()).isNotEqualTo(firstSha);
        assertThat(pr.labels()).contains("do-not-merge/hold", "skip-review", "cncf-cla: yes");
        Map<String, String> merged = new HashMap<>(gh.peekTree(REPO, DemoRepo.BASE));
        merged.putAll(gh.peekChanges(REPO, second));
        assertThat(images(merged)).containsExactlyInAnyOrder(
                DemoRepo.PREFIX + "hook:v20261125-9f8e7d6c5b", DemoRepo.PREFIX + "tide:v20261125-9f8e7d6c5b",
                DemoRepo.PREFIX + "prow-controller-manager:v20261125-9f8e7d6c5b", BOSKOS);
        assertThat(gh.peekChanges(REPO, second)).doesNotContainKey(DIR + "boskos_deployment.yaml");
    }

    @Test
    void passTurnsTheCurrentHeadGreen() {
        int number = DemoRepo.bump(gh, "v20261124-0a1b2c3d4e");
        String oldSha = gh.peek(REPO, number).headSha();
        DemoRepo.pass(gh, number);
        DemoRepo.bump(gh, "v20261125-9f8e7d6c5b");
        DemoRepo.pass(gh, number);
        String sha = gh.peek(REPO, number).headSha();

        assertThat(gh.peekChecks(REPO, sha)).containsOnlyKeys(DemoRepo.CONTEXTS)
                .allSatisfy((context, check) -> assertThat(check.state()).isEqualTo(Check.State.SUCCESS));
        assertThat(gh.peekChecks(REPO, oldSha)).containsOnlyKeys(DemoRepo.CONTEXTS);
    }

    record Retag(String name, String line, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Retag> retags() {
        String p = DemoRepo.PREFIX;
        return Stream.of(
                new Retag("a prefixed image", "image: " + p + "hook:v20261118-a1b2c3d4e5",
                        "image: " + p + "hook:v20261124-0a1b2c3d4e"),
                new Retag("another registry with a Prow-like tag", "image: " + BOSKOS, "image: " + BOSKOS),
                new Retag("a prefixed image without a Prow tag", "image: " + p + "hook:latest", "image: " + p + "hook:latest"),
                new Retag("two images on two lines", p + "a:v20261118-a1b2c3d\n" + p + "b/c:v20261118-a1b2c3d4e5f6",
                        p + "a:v20261124-0a1b2c3d4e\n" + p + "b/c:v20261124-0a1b2c3d4e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retags")
    void retagRewritesOnlyPrefixedProwTags(Retag c) {
        assertThat(DemoRepo.retag(c.line(), "v20261124-0a1b2c3d4e")).isEqualTo(c.expected());
    }

    /** Every container image of every Deployment under apps/prow/cluster and boskos' terraform file, as YAML. */
    private List<String> images(Map<String, String> files) throws Exception {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (e.getKey().startsWith(DIR) || e.getKey().equals(BOSKOS_FILE)) {
                JsonNode doc = yaml.readTree(e.getValue());
                assertThat(doc.path("kind").asText()).isEqualTo("Deployment");
                doc.path("spec").path("template").path("spec").path("containers")
                        .forEach(c -> out.add(c.path("image").asText()));
            }
        }
        return out;
    }
}
