package io.prow.autodeploy.demo;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHubClientFactory;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.sandbox.DemoRepo;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.sandbox.ProwHoldPlugin;
import io.prow.autodeploy.sandbox.SandboxServer;
import io.prow.autodeploy.server.HmacSecrets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hold chapter of {@code make demo}: Prow's own {@code hold} plugin runs beside ours on every comment and lets
 * anyone take {@code do-not-merge/hold} off (kubernetes-sigs/prow pkg/plugins/hold/hold.go, stood in for by
 * {@link ProwHoldPlugin}). A non-oncall {@code /hold cancel} takes the label off; GitHub tells our plugin
 * ({@code pull_request} {@code unlabeled}); our hold record stands, so the label goes back and the bump stays held
 * until oncall releases. Its own sandbox GitHub (REST, signed webhooks) and plugin, so the main day is unchanged.
 * Hook hands a comment to every plugin at once; here ours answers first, then Prow's acts.
 */
final class HoldChapter {
    /** The account Prow's plugins act as on prow.k8s.io: the sender of the label event. */
    static final String PROW_BOT = "k8s-ci-robot";

    private final PrintStream out;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T16:30:00Z")); // Wed 08:30 in LA
    private final InMemoryGitHub gh = new InMemoryGitHub(clock, DemoRunner.BOT);
    private final ProwHoldPlugin prowHold = new ProwHoldPlugin(gh);
    private PluginApp app;
    private DemoWebhooks hook;
    private final DemoStory story;

    private HoldChapter(PrintStream out) {
        this.out = out;
        this.story = new DemoStory(out, clock, gh);
    }

    static void run(PrintStream out) throws Exception {
        new HoldChapter(out).play();
    }

    private void play() throws Exception {
        out.println();
        out.println("Hold chapter: Prow's own hold plugin (pkg/plugins/hold/hold.go) runs beside ours on every comment"
                + " and adds or removes " + ProwHoldPlugin.LABEL + " for anyone; our hold record decides.");
        DemoRepo.seed(gh, clock);
        Path dir = Files.createTempDirectory("autodeploy-hold-demo");
        Files.writeString(dir.resolve("hmac"), DemoRunner.TOKEN);
        Files.writeString(dir.resolve("oauth"), "demo-github-token");
        String config = ConfigLoader.embeddedDefault().replace("      teams: []\n",
                "      teams: [" + DemoRepo.ORG + "/" + DemoRepo.ONCALL_TEAM + "]\n");
        try (SandboxServer sandbox = SandboxServer.start(gh, 0)) {
            var github = GitHubClientFactory.create(new GitHubClientFactory.Settings(sandbox.url(),
                    new GitHubClientFactory.Auth.TokenFile(dir.resolve("oauth")), null, null, clock));
            app = new PluginApp(ConfigLoader.parse(config), github, clock, HmacSecrets.load(dir.resolve("hmac")),
                    PluginApp.Settings.forTests(), Metrics.fresh(), new AlertSource(new AlertmanagerClient()),
                    d -> { });
            app.start();
            hook = new DemoWebhooks(app.port(), DemoRunner.TOKEN);
            try {
                script();
            } finally {
                app.close();
            }
        }
    }

    private void script() throws Exception {
        int n = DemoRepo.bump(gh, "v20261202-0f1e2d3c4b");
        DemoRepo.pass(gh, n);
        hook.pullRequest("opened", gh.peek(DemoRepo.REPO, n));
        settle();
        say("autobumper opens #" + n + " \"" + gh.peek(DemoRepo.REPO, n).title() + "\" before hours; tests green");
        at("2026-12-02T16:40:00Z");
        comment(n, "alice", "/hold deck 5xx after the last bump, looking");
        at("2026-12-02T17:05:00Z"); // the window has opened: only the hold keeps the bump
        comment(n, "bob", "/hold cancel");
        out.println("            status: " + status(n) + "; label " + ProwHoldPlugin.LABEL + " on #" + n + ": "
                + gh.peek(DemoRepo.REPO, n).hasLabel(ProwHoldPlugin.LABEL) + "; bot comments on #" + n + ": "
                + botComments(n).size() + " (the hold's, the one reply to @bob)");
        botComments(n).stream().flatMap(c -> c.body().lines()).filter(l -> l.contains("label was removed"))
                .findFirst().ifPresent(l -> out.println("            the hold's comment now says: " + l));
        at("2026-12-02T17:20:00Z");
        comment(n, "alice", "/hold cancel fixed by the deck rollback");
        PullRequest now = gh.peek(DemoRepo.REPO, n);
        if (!now.hasLabel("autodeploy/ready")) {
            throw new IllegalStateException("oncall released #" + n + " but it is not deployable:\n"
                    + String.join("\n", gh.log()));
        }
        gh.merge(DemoRepo.REPO, n);
        hook.push(DemoRepo.REPO, DemoRepo.BASE, gh.branchSha(DemoRepo.REPO, DemoRepo.BASE).orElseThrow());
        settle();
        say("Tide merges #" + n + " → deployed: " + app.board.view(DemoRepo.REPO).orElseThrow().deployed()
                .map(d -> d.tag()).orElse("unknown"));
    }

    /**
     * A person comments: hook delivers it to our plugin, then Prow's hold plugin acts on the same comment, and the
     * label event it causes reaches our plugin as GitHub sends it.
     */
    private void comment(int number, String who, String body) throws Exception {
        Comment c = gh.comment(DemoRepo.REPO, number, who, body);
        hook.comment(DemoRepo.REPO, number, c);
        settle();
        say("@" + who + (who.equals("alice") ? " (oncall)" : " (org member, not oncall)") + " comments `" + body
                + "`");
        Optional<ProwHoldPlugin.Change> change = prowHold.onCommentCreated(DemoRepo.REPO, number, body);
        if (change.isEmpty()) {
            out.println("            Prow's hold plugin: nothing to change");
            return;
        }
        String action = change.get().action();
        out.println("            Prow's hold plugin: " + (change.get() == ProwHoldPlugin.Change.UNLABELED
                ? "removes " : "adds ") + ProwHoldPlugin.LABEL + " for @" + who);
        hook.labelChanged(action, gh.peek(DemoRepo.REPO, number), ProwHoldPlugin.LABEL, PROW_BOT);
        settle();
        say("GitHub sends pull_request " + action + " (sender @" + PROW_BOT + ") to our plugin");
    }

    private String status(int number) {
        Check c = gh.peekChecks(DemoRepo.REPO, gh.peek(DemoRepo.REPO, number).headSha()).get("autodeploy");
        return c == null ? "none" : c.state().name().toLowerCase(Locale.ROOT) + " \"" + c.description() + "\"";
    }

    private List<Comment> botComments(int number) {
        return gh.peekComments(DemoRepo.REPO, number).stream().filter(c -> c.author().equals(gh.botLogin())).toList();
    }

    private void at(String instant) throws InterruptedException {
        clock.set(Instant.parse(instant));
        settle();
    }

    private void settle() throws InterruptedException {
        DemoStory.settle(app, clock);
    }

    private void say(String step) {
        story.say(step);
    }
}
