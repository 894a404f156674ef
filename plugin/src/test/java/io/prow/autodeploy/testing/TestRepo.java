package io.prow.autodeploy.testing;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The deploy repository the tests seed into the sandbox {@link InMemoryGitHub}: its Prow deployment files at a tag,
 * the autobumper's PRs (open, green, merged), CI on them, and the people with their roles. One shape, with
 * parameters for what a test pins: by default kubernetes/test-infra's older autobump shape, which
 * {@link TestConfig#testInfra()} configures (k8s-ci-robot pushing branch {@code autobump} to its own repo, base
 * {@code master}, {@code config/prow/cluster/hook_deployment.yaml}, "Update Prow to TAG", CI {@code
 * pull-test-infra-unit}). Seeding calls count as GitHub calls: tests that count the plugin's reset them.
 */
public final class TestRepo {
    public static final RepoRef TEST_INFRA = RepoRef.parse("kubernetes/test-infra");
    public static final String BOT = "k8s-ci-robot";
    public static final String IMAGE = "us-docker.pkg.dev/k8s-infra-prow/images/hook:";
    public static final String FILE = "config/prow/cluster/hook_deployment.yaml";
    public static final String CI = "pull-test-infra-unit";
    public static final String ORG = "kubernetes";
    public static final String ONCALL_TEAM = "test-infra-oncall";
    /** Where Prow's source lives: the breaking-change guard reads its history. */
    public static final RepoRef PROW_SOURCE = RepoRef.parse("kubernetes-sigs/prow");

    public final InMemoryGitHub gh;
    public final RepoRef repo;
    public final String base;
    private final Function<String, Map<String, String>> manifests;

    private TestRepo(InMemoryGitHub gh, RepoRef repo, String base, Function<String, Map<String, String>> manifests) {
        this.gh = gh;
        this.repo = repo;
        this.base = base;
        this.manifests = manifests;
    }

    /** kubernetes/test-infra on {@code master}, its one hook deployment file per tag. Nothing is created yet. */
    public static TestRepo testInfra(InMemoryGitHub gh) {
        return new TestRepo(gh, TEST_INFRA, "master", TestRepo::hookDeployment);
    }

    /** The same shape under another name (many repos alike, as in the benchmark). */
    public TestRepo named(RepoRef other) {
        return new TestRepo(gh, other, base, manifests);
    }

    public TestRepo onBase(String branch) {
        return new TestRepo(gh, repo, branch, manifests);
    }

    /** The files that carry Prow's images at a tag, e.g. every cluster manifest ({@code ProwManifests::at}). */
    public TestRepo withManifests(Function<String, Map<String, String>> filesAtTag) {
        return new TestRepo(gh, repo, base, filesAtTag);
    }

    /** The hook Deployment's YAML text with its image at {@code tag}: the one place tests write it. */
    public static String deployment(String tag) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hook\nspec:\n  template:\n    spec:\n"
                + "      containers:\n      - name: hook\n        image: " + IMAGE + tag + "\n";
    }

    public static String title(String tag) {
        return "Update Prow to " + tag;
    }

    private static Map<String, String> hookDeployment(String tag) {
        return Map.of(FILE, deployment(tag));
    }

    /** Creates the repo with its manifests at {@code tag} and a README. */
    public TestRepo create(String tag) {
        Map<String, String> files = new LinkedHashMap<>(manifests.apply(tag));
        files.put("README.md", "# " + repo.name() + "\n");
        return create(files);
    }

    /** Creates the repo with exactly {@code files} on the base branch. */
    public TestRepo create(Map<String, String> files) {
        gh.createRepo(repo, base, files);
        return this;
    }

    /** The autobumper opens its PR to {@code tag} (no CI yet); returns its number. */
    public int openBump(String tag) {
        return gh.openPullRequest(repo, BOT, BOT, "autobump", base, title(tag), manifests.apply(tag));
    }

    /** The autobumper opens its PR to {@code tag} and CI passes on it; returns its number. */
    public int openGreenBump(String tag) {
        int n = openBump(tag);
        green(n);
        return n;
    }

    /** A bump to {@code tag} opened and merged by Tide: a deploy in the history. Returns its number. */
    public int mergedBump(String tag) {
        int n = openBump(tag);
        gh.merge(repo, n);
        return n;
    }

    /** The autobumper force-pushes its open PR to a newer {@code tag} (title and files); returns the new head. */
    public String forcePushBump(int number, String tag) {
        return gh.forcePush(repo, number, title(tag), manifests.apply(tag));
    }

    /** The bump's files at {@code tag}. */
    public Map<String, String> files(String tag) {
        return manifests.apply(tag);
    }

    /** Prow's source gets a commit touching {@code files}; returns the tag of the images built from it. */
    public String prowCommit(String date, String message, String... files) {
        return prowTag(date, gh.pushSourceCommit(PROW_SOURCE, message, List.of(files)));
    }

    /** The tag Prow's image build gives commit {@code c} on {@code date} (yyyyMMdd): {@code vDATE-SHORTSHA}. */
    public static String prowTag(String date, InMemoryGitHub.SourceCommit c) {
        return "v" + date + "-" + c.shortSha();
    }

    /** {@code count} PRs of other work by seven developers, each closed: a busy repo's history beside the bumps. */
    public TestRepo otherWorkClosed(int count) {
        for (int i = 0; i < count; i++) {
            String dev = "dev" + (i % 7);
            int n = gh.openPullRequest(repo, dev, dev, "feature-" + i, base, "Other work " + i,
                    Map.of("docs/" + i + ".md", "x\n"));
            gh.close(repo, n);
        }
        return this;
    }

    /** CI ({@link #CI}) passes on the PR's head. */
    public void green(int number) {
        gh.setCheck(repo, gh.peek(repo, number).headSha(), CI, Check.State.SUCCESS);
    }

    /** {@code login} joins the oncall team the test-infra config names (kubernetes/test-infra-oncall). */
    public TestRepo oncall(String login) {
        gh.addTeamMember(ORG, ONCALL_TEAM, login);
        return this;
    }

    public TestRepo orgMember(String login) {
        gh.addOrgMember(ORG, login);
        return this;
    }

    public TestRepo admin(String login) {
        gh.setPermission(repo, login, Permission.ADMIN);
        return this;
    }

    /** An outside collaborator with write access. */
    public TestRepo writer(String login) {
        gh.setPermission(repo, login, Permission.WRITE);
        return this;
    }
}
