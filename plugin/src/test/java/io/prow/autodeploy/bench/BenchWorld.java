package io.prow.autodeploy.bench;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubClientFactory;
import io.prow.autodeploy.github.GitHubRequestListener;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.server.HmacSecrets;
import io.prow.autodeploy.testing.TestConfig;
import io.prow.autodeploy.testing.TestRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the benchmark runs on: {@code repoCount} repositories shaped like kubernetes/test-infra (the embedded
 * default's entry, once per repo), each with one merged bump as history and one open, green autobump PR, on a
 * simulated clock inside the deploy window. The plugin is wired as {@code Main} wires it (4 workers, queue 1000).
 */
final class BenchWorld {
    static final String BOT = "k8s-ci-robot";
    static final String TOKEN = "bench-hmac-token";
    static final String CONTEXT = TestRepo.CI;
    /** Wednesday 10:00 in America/Los_Angeles: the window is open and the last deploy is a day old. */
    static final Instant IN_WINDOW = Instant.parse("2026-11-25T18:00:00Z");

    final ManualClock clock = new ManualClock(IN_WINDOW.minus(Duration.ofDays(1)));
    final InMemoryGitHub gh = new InMemoryGitHub(clock, BOT);
    final List<RepoRef> repos;
    final String configYaml;
    final Path dir;

    BenchWorld(int repoCount) {
        this.repos = IntStream.range(0, repoCount).mapToObj(BenchWorld::repo).toList();
        this.configYaml = config(repos);
        try {
            this.dir = Files.createTempDirectory("autodeploy-bench");
            Files.writeString(dir.resolve("hmac"), TOKEN);
            Files.writeString(dir.resolve("oauth"), "bench-github-token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gh.addTeamMember("kubernetes", "test-infra-oncall", "alice");
        for (RepoRef r : repos) {
            repo(r).create("v20261118-a1b2c3d4e5").mergedBump("v20261124-0a1b2c3d4e");
        }
        clock.set(IN_WINDOW);
        repos.forEach(r -> bump(r, "v20261125-1a2b3c4d5e"));
    }

    static RepoRef repo(int i) {
        return i == 0 ? RepoRef.parse("kubernetes/test-infra") : RepoRef.parse("kubernetes/bench-%02d".formatted(i));
    }

    /** The test-infra-shaped config ({@link TestConfig#testInfra()}) with its repository entry for every repo. */
    static String config(List<RepoRef> repos) {
        return TestConfig.testInfra().repeatedFor(repos).yaml();
    }

    private TestRepo repo(RepoRef r) {
        return TestRepo.testInfra(gh).named(r);
    }

    /** The autobumper opens or force-pushes the bump PR to {@code tag}; CI turns it green. Returns it. */
    PullRequest bump(RepoRef r, String tag) {
        PullRequest open = openBump(r);
        int number = open == null ? repo(r).openBump(tag) : open.number();
        if (open != null) {
            repo(r).forcePushBump(number, tag);
        }
        repo(r).green(number);
        return gh.peek(r, number);
    }

    /** The repo's open autobump PR as it stands now (uncounted), or null. */
    PullRequest openBump(RepoRef r) {
        return gh.peekAll(r).stream().filter(PullRequest::open).findFirst().orElse(null);
    }

    /** The plugin over {@code github} with this world's config, clock and HMAC token; not started. */
    PluginApp app(GitHub github, Metrics metrics, int metricsPort) {
        try {
            return new PluginApp(ConfigLoader.parse(configYaml), github, clock, HmacSecrets.load(dir.resolve("hmac")),
                    new PluginApp.Settings("127.0.0.1", 0, 0, metricsPort, 5L << 20, "", 4, 1_000,
                            Duration.ofSeconds(10)),
                    metrics, new AlertSource(new AlertmanagerClient()), pause -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException("the generated config is invalid: " + e.problems(), e);
        }
    }

    /** The plugin's real adapter (kohsuke over OkHttp with its ETag cache) pointed at {@code endpoint}. */
    GitHub realAdapter(String endpoint, GitHubRequestListener listener) {
        return GitHubClientFactory.create(new GitHubClientFactory.Settings(endpoint,
                new GitHubClientFactory.Auth.TokenFile(dir.resolve("oauth")), null, listener, clock));
    }

    /** Waits for queued work and fires due wake-ups until none is left (as the test harness does). */
    static void settle(PluginApp app, ManualClock clock) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            if (!app.executor.awaitIdle(Duration.ofSeconds(60))) {
                throw new IllegalStateException("plugin work did not finish within 60s");
            }
            if (app.scheduler.pending().stream().noneMatch(e -> !e.getValue().isAfter(clock.instant()))) {
                return;
            }
            app.scheduler.runDue();
        }
    }
}
