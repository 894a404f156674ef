package io.prow.autodeploy.demo;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.github.GitHubClientFactory;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.DemoRepo;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.sandbox.SandboxServer;
import io.prow.autodeploy.server.HmacSecrets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A deploy day on the embedded default config: the plugin (dry-run=false, its real GitHub adapter) against the
 * sandbox GitHub on loopback, driven by signed webhooks as hook sends them, on a simulated clock. Prints what the
 * plugin did as a timeline.
 */
public final class DemoRunner {
    static final String TOKEN = "demo-hmac-token";
    static final String BOT = "prow-autodeploy-bot";

    private final PrintStream out;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T14:00:00Z")); // Mon 06:00 in LA
    private InMemoryGitHub gh;
    private PluginApp app;
    private DemoWebhooks hook;
    private DemoStory story;

    private final boolean once;
    private java.util.Optional<AlertChapter> alerts = java.util.Optional.empty();

    /** {@code once}: exit when the script ends; otherwise keep the plugin and its status page up until Ctrl-C. */
    public DemoRunner(PrintStream out, boolean once) {
        this.out = out;
        this.once = once;
    }

    public void run() throws Exception {
        Path dir = Files.createTempDirectory("autodeploy-demo");
        Files.writeString(dir.resolve("hmac"), TOKEN);
        Files.writeString(dir.resolve("oauth"), "demo-github-token");
        // The plugin's own account (manifests/tide-query.yaml's rollback query); the bumper is k8s-infra-ci-robot.
        gh = new InMemoryGitHub(clock, BOT);
        story = new DemoStory(out, clock, gh);
        DemoRepo.seed(gh, clock);
        seedProwSource();
        // Alertmanager needs the plugin's address for its webhook before the plugin starts: pick the port first.
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        alerts = AlertChapter.start(port, dir, out);
        try (SandboxServer sandbox = SandboxServer.start(gh, 0)) {
            var github = GitHubClientFactory.create(new GitHubClientFactory.Settings(sandbox.url(),
                    new GitHubClientFactory.Auth.TokenFile(dir.resolve("oauth")), null, null, clock));
            app = new PluginApp(ConfigLoader.parse(demoConfig(alerts.map(AlertChapter::configSection).orElse(""))),
                    github, clock, HmacSecrets.load(dir.resolve("hmac")), new PluginApp.Settings("127.0.0.1", port, 0,
                    -1, 5L << 20, "", 2, 1_000, Duration.ofSeconds(5)), Metrics.fresh(),
                    new AlertSource(new AlertmanagerClient()), d -> { }, alerts.map(AlertChapter::tokenFile));
            app.start();
            hook = new DemoWebhooks(app.port(), TOKEN);
            out.println("prow-autodeploy demo: plugin on http://127.0.0.1:" + app.port() + "/hook, sandbox GitHub on "
                    + sandbox.url() + ", repo " + DemoRepo.REPO + ", window Mon-Fri 09:00-17:00 America/Los_Angeles, "
                    + "pacing 1h");
            settle();
            script();
            if (!once) {
                out.println();
                out.println("Status page: http://127.0.0.1:" + app.port() + "/  (JSON: /status.json). Ctrl-C to stop.");
                new java.util.concurrent.CountDownLatch(1).await();
            }
            app.close();
        } finally {
            alerts.ifPresent(AlertChapter::close);
        }
    }

    /**
     * The embedded default plus the breaking-change guard, which needs the sandbox's Prow source history, and the
     * demo's oncall team (the real oncall are listed by login; the sandbox knows none of them).
     */
    static String demoConfig(String alertsSection) {
        String config = ConfigLoader.embeddedDefault().replace("    hold:\n",
                "    breakingChanges:\n      sourceRepo: " + PROW + "\n" + alertsSection + "    hold:\n")
                .replace("      teams: []\n", "      teams: [" + DemoRepo.ORG + "/" + DemoRepo.ONCALL_TEAM + "]\n");
        if (!config.contains(DemoRepo.ONCALL_TEAM)) {
            throw new IllegalStateException("the embedded default no longer has oncall.teams: []");
        }
        return config;
    }

    static final RepoRef PROW = RepoRef.parse("kubernetes-sigs/prow");

    /** Prow's source history: every tag of the demo names one of these commits; one of them announces a change. */
    private void seedProwSource() {
        List<String> files = List.of("cmd/hook/main.go");
        for (String sha : List.of("5e4d3c2b1a", "0f1e2d3c4b", "a1b2c3d4e5", "1a2b3c4d5e", "9f8e7d6c5b")) {
            gh.pushSourceCommit(PROW, sha, "hook: small fix", files);
        }
        gh.pushSourceCommit(PROW, "7c0ffee7c0", "ACTION REQUIRED: hook drops --legacy-webhook-flag",
                List.of("cmd/hook/main.go", "ANNOUNCEMENTS.md"));
        for (String sha : List.of("feedface01", "2468ace024", "13579bdf13", "0badc0ffee")) {
            gh.pushSourceCommit(PROW, sha, "deck: small fix", List.of("cmd/deck/main.go"));
        }
    }

    private void script() throws Exception {
        say("hook sends an unsigned event", "→ HTTP " + hook.send("ping", "{}", false) + " (refused, nothing done)");
        PullRequest pr = bump("v20261130-1a2b3c4d5e");
        say("autobumper opens #" + pr.number() + " before hours; tests green", null);
        at("2026-11-30T17:00:00Z", "the window opens; the scheduled re-evaluation runs");
        merge(pr);
        at("2026-11-30T17:30:00Z", null);
        PullRequest second = bump("v20261130-9f8e7d6c5b");
        say("autobumper opens #" + second.number() + " 25 minutes after the last deploy", null);
        at("2026-11-30T18:05:00Z", "one hour since the last deploy");
        merge(second);
        at("2026-11-30T18:40:00Z", null);
        PullRequest guarded = bump("v20261130-feedface01");
        say("autobumper opens #" + guarded.number() + "; Prow announced a change since the deployed version", null);
        at("2026-11-30T19:10:00Z", null);
        comment(guarded.number(), "alice", "/approve-deploy read ANNOUNCEMENTS.md, our hook config has no such flag");
        say("oncall @alice read the announcement and approves this version", null);
        merge(guarded);
        at("2026-11-30T20:00:00Z", null);
        PullRequest third = bump("v20261130-2468ace024");
        comment(third.number(), "alice", "/hold hook 5xx since the last bump, investigating");
        say("oncall @alice holds deploys", null);
        gh.close(DemoRepo.REPO, third.number());
        PullRequest fourth = bump("v20261130-13579bdf13");
        say("autobumper replaces #" + third.number() + " with #" + fourth.number() + ": the hold is carried", null);
        at("2026-11-30T21:00:00Z", null);
        comment(fourth.number(), "alice", "/rollback");
        say("oncall @alice asks for a rollback to the version before", null);
        comment(fourth.number(), "bob", "/hold cancel");
        say("@bob (org member, not oncall) tries to resume", null);
        comment(fourth.number(), "alice", "/hold cancel");
        say("@alice resumes once the fix is in", null);
        at("2026-12-05T18:00:00Z", null);
        gh.close(DemoRepo.REPO, fourth.number());
        PullRequest first = bump("v20261205-2468ace024");
        say("Saturday: autobumper opens #" + first.number() + " \"" + first.title() + "\" from "
                + first.headRepo(), null);
        at("2026-12-06T18:00:00Z", null);
        PullRequest weekend = forcePush(first.number(), "v20261205-0badc0ffee");
        say("Sunday: autobumper force-pushes a newer tag to the same PR #" + weekend.number() + " and edits its "
                + "title to \"" + weekend.title() + "\"", null);
        if (alerts.isPresent()) {
            alertChapter(weekend);
        }
        HoldChapter.run(out);
        RolloutChapter.run(out);
        out.println();
        out.println("/help Config for " + DemoRepo.REPO + ":");
        out.println("  " + app.config().repos().get(0).repo() + ": " + new io.prow.autodeploy.server.HelpProvider(
                app.configs, app.registry, io.prow.autodeploy.deploy.gates.Gates.standard(), app.board)
                .help(List.of()).config().get(DemoRepo.REPO.toString()));
    }

    /** A bad deploy: Alertmanager's HookDown fires 12 minutes after it; the plugin holds and rolls back. */
    private void alertChapter(PullRequest weekend) throws Exception {
        at("2026-12-07T17:00:00Z", "Monday: the window opens; the weekend bump deploys");
        merge(weekend);
        java.util.concurrent.CompletableFuture<Object> handled = new java.util.concurrent.CompletableFuture<>();
        app.alertmanager.orElseThrow().onHandled(handled::complete);
        clock.set(Instant.parse("2026-12-07T17:12:00Z"));
        alerts.orElseThrow().fire("HookDown", clock.instant());
        handled.get(30, java.util.concurrent.TimeUnit.SECONDS);
        settle();
        say("Alertmanager (" + alerts.orElseThrow().url() + ") notifies: HookDown fired 12 minutes after the deploy",
                null);
    }

    private PullRequest bump(String tag) throws Exception {
        int n = DemoRepo.bump(gh, tag);
        DemoRepo.pass(gh, n);
        PullRequest pr = gh.peek(DemoRepo.REPO, n);
        hook.pullRequest("opened", pr);
        settle();
        return pr;
    }

    /** The bumper reuses its PR: force-pushes branch autobump and edits the title (bumper.go, EnsurePR). */
    private PullRequest forcePush(int number, String tag) throws Exception {
        int n = DemoRepo.bump(gh, tag);
        if (n != number) {
            throw new IllegalStateException("the bumper opened #" + n + " instead of reusing #" + number);
        }
        DemoRepo.pass(gh, n);
        PullRequest pr = gh.peek(DemoRepo.REPO, n);
        hook.pullRequest("synchronize", pr);
        hook.pullRequest("edited", pr);
        settle();
        return pr;
    }

    private void merge(PullRequest pr) throws Exception {
        PullRequest now = gh.peek(DemoRepo.REPO, pr.number());
        if (now.labels().contains("autodeploy/ready")) {
            gh.merge(DemoRepo.REPO, pr.number());
            say("Tide merges #" + pr.number() + " (deployed " + pr.title().replace("Update prow to ", "") + ")", null);
            hook.push(DemoRepo.REPO, DemoRepo.BASE, gh.peekTree(DemoRepo.REPO, DemoRepo.BASE).isEmpty() ? "x"
                    : gh.branchSha(DemoRepo.REPO, DemoRepo.BASE).orElse("x"));
            settle();
        }
    }

    private void comment(int number, String who, String body) throws Exception {
        hook.comment(DemoRepo.REPO, number, gh.comment(DemoRepo.REPO, number, who, body));
        settle();
    }

    private void at(String instant, String why) throws Exception {
        clock.set(Instant.parse(instant));
        settle();
        if (why != null) {
            say(why, null);
        }
    }

    private void settle() throws InterruptedException {
        DemoStory.settle(app, clock);
    }

    private void say(String step, String extra) {
        story.say(step + (extra == null ? "" : " " + extra));
    }
}
