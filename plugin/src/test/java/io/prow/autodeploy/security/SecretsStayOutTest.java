package io.prow.autodeploy.security;

import static io.prow.autodeploy.reliability.DeployWorld.FIRST;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.GitHubClientFactory;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.reliability.DeployWorld;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.sandbox.SandboxServer;
import io.prow.autodeploy.server.SignatureVerifier;
import io.prow.autodeploy.testing.PluginHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The GitHub token and the HMAC secret never show in logs (captured at DEBUG, our code at TRACE), in /help, or in
 * any HTTP answer, while the plugin runs a busy scenario through the real GitHub adapter: deploys, commands, GitHub
 * failures with retries and a rollback that fails, refused and malformed webhooks.
 */
class SecretsStayOutTest {
    private static final String GITHUB_TOKEN = "ghp_CanaryTokenAutodeploy0123456789abcdef";

    @Test
    void tokensNeverAppearInLogsHelpOrAnswers() throws Exception {
        ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
        InMemoryGitHub gh = DeployWorld.github(clock);
        Path tokenFile = Files.createTempFile("oauth", "");
        Files.writeString(tokenFile, GITHUB_TOKEN + "\n");
        List<String> seen = new ArrayList<>();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.prow.autodeploy");
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            consoles.add(it.next());
        }
        Level rootLevel = root.getLevel();
        logs.start();
        consoles.forEach(root::detachAppender); // keep the DEBUG flood out of the build output
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        ours.setLevel(Level.TRACE);
        try (SandboxServer sandbox = SandboxServer.start(gh, 0);
             PluginHarness h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh,
                     port -> GitHubClientFactory.create(new GitHubClientFactory.Settings(sandbox.url(),
                             new GitHubClientFactory.Auth.TokenFile(tokenFile), null, null, clock)),
                     new AlertSource(new AlertmanagerClient()), PluginApp.Settings.forTests())) {
            int bump = DeployWorld.openBump(gh, DeployWorld.NEXT);
            h.send("pull_request", DeployWorld.opened(gh, bump));
            h.settle();
            gh.failNext("comments", 1, new GitHubException(403, "You have exceeded a secondary rate limit",
                    java.time.Duration.ofSeconds(5), null));
            h.send("issue_comment", DeployWorld.comment(gh, bump, "bob", "/hold canary " + PluginHarness.TOKEN));
            // GitHub asked for 5 s: the adapter sends nothing to anyone until then (GitHubPause), so the scenario
            // waits it out as the plugin would on a real clock.
            h.settle();
            clock.advance(java.time.Duration.ofSeconds(5));
            h.send("issue_comment", DeployWorld.comment(gh, bump, "mallory", "/hold cancel"));
            gh.failNext("createPullRequest", 4, new GitHubException(502, "Bad Gateway"));
            h.send("issue_comment", DeployWorld.comment(gh, bump, "alice", "/rollback " + FIRST));
            h.settle();
            assertThat(gh.peekBranches(REPO)).as("the scenario reached the rollback").hasSize(2);

            byte[] ping = "{\"zen\":\"x\",\"repository\":{\"full_name\":\"kubernetes/test-infra\"}}".getBytes(StandardCharsets.UTF_8);
            for (Map<String, String> headers : List.of(Map.of("X-Hub-Signature-256", "sha256=00"),
                    Map.of("X-Hub-Signature-256", SignatureVerifier.sign(ping, "wrong".getBytes())),
                    Map.of("Content-Type", "text/plain"), Map.of("X-GitHub-Event", ""))) {
                seen.add(h.post("ping", new String(ping, StandardCharsets.UTF_8), headers).body());
            }
            seen.add(h.post("pull_request", "{\"repository\":{\"full_name\":\"kubernetes/test-infra\"}}", Map.of())
                    .body());
            HttpClient http = HttpClient.newHttpClient();
            seen.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + "/help"))
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"Org\":\"kubernetes\",\"Repo\":\"test-infra\"}]"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            seen.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.app.port() + "/help"))
                    .POST(HttpRequest.BodyPublishers.ofString("not json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            seen.add(h.app.secrets.describe());
        } finally {
            root.detachAppender(logs);
            consoles.forEach(root::addAppender);
            root.setLevel(rootLevel);
            ours.setLevel(null);
        }
        for (ILoggingEvent e : logs.list) {
            seen.add(e.getFormattedMessage());
            seen.add(e.getMDCPropertyMap().toString());
            if (e.getThrowableProxy() != null) {
                seen.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }

        assertThat(logs.list).as("logs were captured").extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("decision on kubernetes/test-infra#3"))
                .anyMatch(m -> m.contains("GitHub 502"));
        assertThat(seen).noneMatch(s -> s.contains(GITHUB_TOKEN))
                .noneMatch(s -> s.contains(GITHUB_TOKEN.substring(4, 20)));
        // The HMAC secret someone pasted in a hold reason is theirs to leak; the plugin's own texts never carry it.
        assertThat(seen).filteredOn(s -> s.contains(PluginHarness.TOKEN))
                .allMatch(s -> s.contains("canary " + PluginHarness.TOKEN));
    }
}
