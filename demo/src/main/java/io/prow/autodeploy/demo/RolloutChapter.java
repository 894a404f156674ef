package io.prow.autodeploy.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.sandbox.DemoRepo;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.sandbox.PodExporter;
import io.prow.autodeploy.sandbox.PrometheusProcess;
import io.prow.autodeploy.server.HmacSecrets;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rollout chapter of {@code make demo}: a merged bump followed to "running" through a real Prometheus scraping a
 * stand-in kube-state-metrics (applying → running), then one that sticks (held, with the comment on the merged PR).
 * Its own sandbox repo and plugin, so the main day's script is unchanged. Left out when Prometheus is not installed.
 */
final class RolloutChapter {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String JOB = "post-test-infra-deploy-prow";
    private static final String PREFIX = "us-docker.pkg.dev/k8s-infra-prow/images/";
    private static final List<String> CONTAINERS = List.of("hook", "tide", "deck");

    private final PrintStream out;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T15:55:00Z")); // Tue 07:55 in LA
    private final InMemoryGitHub gh = new InMemoryGitHub(clock, "k8s-ci-robot");
    private PodExporter exporter;
    private PrometheusProcess prometheus;
    private PluginApp app;
    private RepoConfig config;
    private final DemoStory story;

    private RolloutChapter(PrintStream out) {
        this.out = out;
        this.story = new DemoStory(out, clock, gh);
    }

    static void run(PrintStream out) throws Exception {
        try {
            PrometheusProcess.binary();
        } catch (IllegalStateException notInstalled) {
            out.println("(No Prometheus here, so the rollout chapter is left out: `make deps` installs Debian's"
                    + " prometheus.)");
            return;
        }
        new RolloutChapter(out).play();
    }

    private void play() throws Exception {
        out.println();
        out.println("Rollout chapter: merged is not deployed. A real Prometheus (scraping kube_pod_container_info"
                + " every second) and the deploy job's status on the merge commit tell when the version runs.");
        DemoRepo.seed(gh, clock);
        Path dir = Files.createTempDirectory("autodeploy-rollout-demo");
        Files.writeString(dir.resolve("hmac"), DemoRunner.TOKEN);
        // The cluster runs what the seeded history deployed last, and its deploy job passed back then.
        PullRequest last = gh.peekAll(DemoRepo.REPO).stream().filter(PullRequest::merged)
                .max(java.util.Comparator.comparingInt(PullRequest::number)).orElseThrow();
        String old = DemoRepo.HISTORY.get(DemoRepo.HISTORY.size() - 1); // not the title: its case is the bumper's
        if (!last.title().endsWith(" " + old)) {
            throw new IllegalStateException("the seeded history's last bump is #" + last.number() + " " + last.title());
        }
        gh.setCheck(DemoRepo.REPO, last.mergeCommitSha(), JOB, Check.State.SUCCESS);
        exporter = new PodExporter("prow", pods(old, old, 0));
        prometheus = PrometheusProcess.start(exporter.target());
        try {
            PluginConfig pc = ConfigLoader.parse(withRollout(ConfigLoader.embeddedDefault(), prometheus.baseUri()));
            config = pc.repos().get(0);
            app = new PluginApp(pc, gh, clock, HmacSecrets.load(dir.resolve("hmac")),
                    PluginApp.Settings.forTests(), Metrics.fresh(), new AlertSource(new AlertmanagerClient()),
                    d -> { });
            script(old);
            app.close();
        } finally {
            prometheus.close();
            exporter.close();
        }
    }

    /**
     * The embedded default with a {@code rollout} section on its repo, added as keys of the YAML tree (not by editing
     * its text), then parsed by the loader like any config file so its defaults and validation apply.
     */
    static String withRollout(String configYaml, URI prometheusUrl) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(configYaml);
        ObjectNode rollout = ((ObjectNode) root.get("repos").get(0)).putObject("rollout");
        rollout.putArray("contexts").add(JOB);
        rollout.put("timeout", "30m");
        ObjectNode p = rollout.putObject("prometheus");
        p.put("url", prometheusUrl.toString());
        p.put("query", "kube_pod_container_info{namespace=\"prow\"}");
        CONTAINERS.forEach(p.putArray("containers")::add);
        return yaml.writeValueAsString(root);
    }

    private void script(String old) throws Exception {
        prometheus.awaitGeneration(1);
        // Switching rollout on records the running version at first sight: pacing then counts from that moment.
        sweep("rollout configured: " + old + " is seen running");
        clock.set(Instant.parse("2026-12-01T17:00:00Z")); // Tue 09:00 in LA, the window opens
        String first = "v20261201-1a2b3c4d5e";
        String mergeSha = deploy(first);
        sweep("the deploy job has not reported yet");
        gh.setCheck(DemoRepo.REPO, mergeSha, JOB, Check.State.SUCCESS);
        cluster(pods(first, old, 2), Duration.ofMinutes(4));
        sweep(JOB + " passed; Prometheus sees hook and tide on " + first);
        cluster(pods(first, old, 3), Duration.ofMinutes(3));
        sweep("deck rolled out too");

        clock.advance(Duration.ofMinutes(65)); // pacing counts from running
        String second = "v20261201-9f8e7d6c5b";
        String sha2 = deploy(second);
        gh.setCheck(DemoRepo.REPO, sha2, JOB, Check.State.SUCCESS);
        cluster(pods(second, first, 1), Duration.ofMinutes(5));
        sweep("only hook moved to " + second);
        cluster(pods(second, first, 1), Duration.ofMinutes(30));
        sweep("30 minutes later tide and deck still run " + first);
        PullRequest merged = gh.peekAll(DemoRepo.REPO).stream().filter(p -> p.title().endsWith(second))
                .findFirst().orElseThrow();
        out.println("            the comment on #" + merged.number() + ":");
        gh.peekComments(DemoRepo.REPO, merged.number()).stream().filter(c -> c.body().contains("autodeploy:rollout"))
                .findFirst().ifPresent(c -> c.body().lines().filter(l -> !l.startsWith("<!--"))
                        .forEach(l -> out.println("              | " + l)));
    }

    /** The autobumper opens the bump, tests pass, the plugin labels it, Tide merges: returns the merge commit. */
    private String deploy(String tag) {
        int n = DemoRepo.bump(gh, tag);
        DemoRepo.pass(gh, n);
        app.reconciler.reconcile(config, n);
        if (!gh.peek(DemoRepo.REPO, n).labels().contains("autodeploy/ready")) {
            throw new IllegalStateException("the demo's bump #" + n + " should be deployable:\n" + String.join("\n",
                    gh.log()));
        }
        gh.merge(DemoRepo.REPO, n);
        say("Tide merges #" + n + " (" + tag + ")");
        return gh.peek(DemoRepo.REPO, n).mergeCommitSha();
    }

    /** The cluster changes; Prometheus scrapes it (real time, about a second); then {@code later} passes. */
    private void cluster(List<PodExporter.Pod> pods, Duration later) {
        prometheus.awaitGeneration(exporter.set(pods));
        clock.advance(later);
    }

    private void sweep(String what) {
        app.reconciler.reconcileRepo(config);
        StatusBoard.RepoView v = app.board.view(DemoRepo.REPO).orElseThrow();
        String deployed = v.deployed().map(d -> d.tag()).orElse("unknown");
        String inFlight = v.inFlight().map(d -> ", in flight: " + d.tag() + " merged " + DateTimeFormatter
                .ofPattern("HH:mm", Locale.ROOT).format(d.mergedAt().atZone(LA)) + ", " + v.rollout().detail())
                .orElse("");
        say(what + " → deployed: " + deployed + inFlight);
    }

    private List<PodExporter.Pod> pods(String tag, String previous, int onTag) {
        List<PodExporter.Pod> pods = new ArrayList<>();
        for (int i = 0; i < CONTAINERS.size(); i++) {
            String c = CONTAINERS.get(i);
            String t = i < onTag ? tag : previous;
            pods.add(new PodExporter.Pod(c + "-5c7d-a", c, PREFIX + c + ":" + t));
            pods.add(new PodExporter.Pod(c + "-5c7d-b", c, PREFIX + c + ":" + t));
        }
        return pods;
    }

    private void say(String step) {
        story.say(step);
    }
}
