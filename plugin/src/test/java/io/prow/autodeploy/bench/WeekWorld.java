package io.prow.autodeploy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandbox GitHub of the week and the people and robots acting on it: Prow's autobumper, CI, Tide, oncall and
 * the contributors of other PRs. Each action changes the sandbox first, then returns the webhook GitHub would
 * send about it, in GitHub's payload shape. {@link #endState} checks a working day's end against the model.
 */
final class WeekWorld {
    static final RepoRef REPO = RepoRef.parse("kubernetes/test-infra");
    static final String BOT = BenchWorld.BOT;
    static final String ONCALL = "alice";
    static final String READY = "autodeploy/ready";
    static final String HOLD = "do-not-merge/hold";
    static final String OURS = "autodeploy";
    static final String FILE = TestRepo.FILE;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Event(String type, String json) {}

    final ManualClock clock;
    final InMemoryGitHub gh;
    private final List<String> contexts;

    WeekWorld(ManualClock clock, List<String> contexts) {
        this.clock = clock;
        this.contexts = contexts;
        this.gh = new InMemoryGitHub(clock, BOT);
        gh.addTeamMember("kubernetes", "test-infra-oncall", ONCALL);
        gh.addOrgMember("kubernetes", ONCALL);
        gh.createRepo(REPO, "master",
                Map.of(FILE, TestRepo.deployment("v20261118-a1b2c3d4e5"), "README.md", "# test-infra\n"));
        int merged = gh.openPullRequest(REPO, BOT, BOT, "autobump", "master", "Update Prow to v20261124-0a1b2c3d4e",
                Map.of(FILE, TestRepo.deployment("v20261124-0a1b2c3d4e")));
        gh.merge(REPO, merged);
    }

    /** The open autobump PR, or null. */
    PullRequest openBump() {
        return gh.peekAll(REPO).stream().filter(PullRequest::open).filter(p -> p.headRef().equals("autobump"))
                .findFirst().orElse(null);
    }

    /** The autobumper opens the day's PR, or force-pushes (rebases) the open one: a new head SHA. */
    Event autobumpPush(String tag, int rebase) {
        // The rebase count makes each push's tree differ, as a rebase on a moving master does.
        Map<String, String> changes = Map.of(FILE, TestRepo.deployment(tag) + "# rebase " + rebase + "\n");
        PullRequest open = openBump();
        if (open == null) {
            int n = gh.openPullRequest(REPO, BOT, BOT, "autobump", "master", "Update Prow to " + tag, changes);
            return new Event("pull_request", Payloads.pullRequest("opened", gh.peek(REPO, n)));
        }
        gh.forcePush(REPO, open.number(), "Update Prow to " + tag, changes);
        return new Event("pull_request", Payloads.pullRequest("synchronize",
                gh.peek(REPO, open.number())));
    }

    /** A Prow job reports a commit status on {@code sha}. */
    Event status(String sha, String context, Check.State state) {
        gh.setCheck(REPO, sha, context, state);
        return new Event("status", Payloads.status(REPO, sha, context,
                state.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Someone comments on a PR. */
    Event comment(int number, String author, String body) {
        Comment c = gh.comment(REPO, number, author, body);
        return new Event("issue_comment", Payloads.issueComment(REPO, number, true, c,
                "User"));
    }

    /** Tide merges the open autobump PR when it carries the merge label, no hold, our success and green CI. */
    List<Event> tide() {
        PullRequest pr = openBump();
        if (pr == null || !pr.hasLabel(READY) || pr.hasLabel(HOLD)) {
            return List.of();
        }
        Map<String, Check> checks = gh.peekChecks(REPO, pr.headSha());
        boolean green = checks.containsKey(OURS) && checks.get(OURS).state() == Check.State.SUCCESS
                && contexts.stream().allMatch(c -> checks.containsKey(c)
                        && checks.get(c).state() == Check.State.SUCCESS);
        return green ? merge(pr.number()) : List.of();
    }

    /**
     * Tide merges a PR: pull_request closed (merged) and the push to master, whose commit lists the files the merge
     * changed (as GitHub's push payload does), read from master's tree before and after.
     */
    List<Event> merge(int number) {
        String before = gh.branchSha(REPO, "master").orElseThrow();
        Map<String, String> was = gh.peekTree(REPO, "master");
        gh.merge(REPO, number);
        String master = gh.branchSha(REPO, "master").orElseThrow();
        Map<String, String> now = gh.peekTree(REPO, "master");
        PullRequest pr = gh.peek(REPO, number);
        List<String> added = now.keySet().stream().filter(p -> !was.containsKey(p)).sorted().toList();
        List<String> removed = was.keySet().stream().filter(p -> !now.containsKey(p)).sorted().toList();
        List<String> modified = now.keySet().stream().filter(p -> was.containsKey(p) && !was.get(p).equals(now.get(p)))
                .sorted().toList();
        String message = "Merge pull request #" + number + " from " + pr.headOwner() + "/" + pr.headRef() + "\n\n"
                + pr.title();
        return List.of(new Event("pull_request", Payloads.pullRequest("closed", pr)),
                new Event("push", Payloads.push(REPO, "refs/heads/master", before, master, message, added, removed,
                        modified)));
    }

    record Opened(int number, Event event) {}

    /** A contributor opens a PR nobody deploys. */
    Opened openOther(int id) {
        String author = "contributor-" + (id % 97);
        int n = gh.openPullRequest(REPO, author, author, "fix-" + id, "master", "Fix flake in job " + id,
                Map.of("docs/pr-" + id + ".md", "fix " + id + "\n"));
        return new Opened(n, new Event("pull_request", Payloads.pullRequest("opened",
                gh.peek(REPO, n))));
    }

    Event pushOther(int number, int push) {
        PullRequest pr = gh.peek(REPO, number);
        gh.forcePush(REPO, number, pr.title(), Map.of("docs/pr-" + number + ".md", "push " + push + "\n"));
        return new Event("pull_request", Payloads.pullRequest("synchronize",
                gh.peek(REPO, number)));
    }

    /** The PR's labels now. */
    java.util.Set<String> labelsOf(int number) {
        return gh.peek(REPO, number).labels();
    }

    /**
     * What GitHub sends for a label the plugin added or removed: {@code pull_request} labeled/unlabeled with the
     * {@code label} object, the sender being the plugin's account ("Activity related to pull requests": every label
     * change is an event, whoever made it).
     */
    Event labelEcho(int number, String label, boolean added) {
        ObjectNode root = (ObjectNode) read(Payloads.pullRequest(added ? "labeled" : "unlabeled",
                gh.peek(REPO, number)));
        root.putObject("label").put("name", label).put("color", "ededed").put("default", false);
        root.putObject("sender").put("login", BOT).put("type", "Bot");
        return new Event("pull_request", root.toString());
    }

    /** pull_request labeled, with the {@code label} object GitHub adds for that action. */
    Event labelOther(int number, String label) {
        gh.label(REPO, number, label);
        ObjectNode root = (ObjectNode) read(Payloads.pullRequest("labeled",
                gh.peek(REPO, number)));
        root.putObject("label").put("name", label).put("color", "ededed").put("default", false);
        root.putObject("sender").put("login", "k8s-ci-robot").put("type", "User");
        return new Event("pull_request", root.toString());
    }

    /** A GitHub Actions check run on a PR's head, as {@code check_run} carries it (with its pull_requests). */
    Event checkRun(int number, String sha, String name, String action, boolean completed) {
        PullRequest pr = gh.peek(REPO, number);
        ObjectNode root = (ObjectNode) read(Payloads.status(REPO, sha, name, "pending"));
        for (String f : List.of("id", "sha", "name", "context", "state", "description", "branches")) {
            root.remove(f);
        }
        root.put("action", action);
        ObjectNode run = root.putObject("check_run");
        run.put("id", Math.abs((long) (sha + name).hashCode()));
        run.put("head_sha", sha);
        run.put("name", name);
        run.put("status", completed ? "completed" : "queued");
        if (completed) {
            run.put("conclusion", "success");
        } else {
            run.putNull("conclusion");
        }
        run.put("started_at", clock.instant().toString());
        ObjectNode p = run.putArray("pull_requests").addObject();
        p.put("number", number);
        p.putObject("head").put("ref", pr.headRef()).put("sha", sha);
        p.putObject("base").put("ref", pr.baseRef());
        run.putObject("app").put("slug", "github-actions");
        return new Event("check_run", root.toString());
    }

    String headOf(int number) {
        return gh.peek(REPO, number).headSha();
    }

    /** Alertmanager's webhook payload (version 4): one unrelated alert, resolved. */
    static String alertNotification(Instant startsAt, Instant endsAt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "4").put("groupKey", "{}:{alertname=\"BuildClusterDiskPressure\"}")
                .put("truncatedAlerts", 0).put("status", "resolved").put("receiver", "prow-autodeploy")
                .put("externalURL", "http://alertmanager:9093");
        root.putObject("groupLabels").put("alertname", "BuildClusterDiskPressure");
        root.putObject("commonLabels").put("alertname", "BuildClusterDiskPressure").put("severity", "warning");
        root.putObject("commonAnnotations").put("summary", "disk pressure on a build node");
        ObjectNode a = root.putArray("alerts").addObject();
        a.put("status", "resolved");
        a.putObject("labels").put("alertname", "BuildClusterDiskPressure").put("severity", "warning");
        a.putObject("annotations").put("summary", "disk pressure on a build node");
        a.put("startsAt", startsAt.toString()).put("endsAt", endsAt.toString())
                .put("generatorURL", "http://prometheus:9090/graph").put("fingerprint", "5a1b2c3d4e5f6a7b");
        return root.toString();
    }

    /**
     * The day's end against the model: the day's bump merged with its tag deployed on master, labelled for Tide,
     * not held, our status success on its last head, exactly one reply to each oncall command (nothing doubled,
     * nothing missing), and nothing written on any PR nobody deploys. Empty when all holds.
     */
    List<String> endState(int bump, String tag, List<Integer> others, int commands) {
        List<String> problems = new ArrayList<>();
        PullRequest pr = gh.peek(REPO, bump);
        if (!pr.merged()) {
            problems.add("#" + bump + " (" + tag + ") not merged: labels " + pr.labels() + ", status "
                    + gh.peekChecks(REPO, pr.headSha()).get(OURS));
        }
        if (!gh.peekTree(REPO, "master").getOrDefault(FILE, "").contains(TestRepo.IMAGE + tag + "\n")) {
            problems.add("master does not deploy " + tag);
        }
        if (!pr.hasLabel(READY) || pr.hasLabel(HOLD)) {
            problems.add("#" + bump + " labels " + pr.labels() + ": want " + READY + " without " + HOLD);
        }
        Check ours = gh.peekChecks(REPO, pr.headSha()).get(OURS);
        if (ours == null || ours.state() != Check.State.SUCCESS) {
            problems.add("#" + bump + " status " + ours + " on its last head: want success");
        }
        // One comment per command: the hold's reply is its record (issue 13), so no separate notice is written.
        List<Comment> bot = gh.peekComments(REPO, bump).stream().filter(c -> c.author().equals(BOT)).toList();
        long replies = bot.stream().filter(c -> c.body().startsWith("@" + ONCALL + ":")).count();
        long heldReplies = bot.stream().filter(c -> c.body().startsWith("@" + ONCALL + ": automatic deploys are held"))
                .count();
        long distinct = bot.stream().map(Comment::body).distinct().count();
        if (replies != commands || heldReplies != 1 || distinct != bot.size() || bot.size() != commands) {
            problems.add("#" + bump + " bot comments: want one reply per command (" + commands
                    + "), the hold's reply among them, nothing else and none doubled; got "
                    + bot.stream().map(c -> firstLine(c.body())).toList());
        }
        for (int n : others) {
            PullRequest o = gh.peek(REPO, n);
            if (o.hasLabel(READY) || o.hasLabel(HOLD)
                    || gh.peekComments(REPO, n).stream().anyMatch(c -> c.author().equals(BOT))
                    || gh.peekChecks(REPO, o.headSha()).containsKey(OURS)) {
                problems.add("the plugin wrote on #" + n + ", a PR nobody deploys");
            }
        }
        return problems;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
