package io.prow.autodeploy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import java.util.List;

/**
 * Webhook payloads in GitHub's real shapes (the fields GitHub sends that matter here, nested as GitHub nests
 * them: repository.full_name, pull_request.head.repo.owner.login, issue.pull_request, sender...).
 */
public final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    /**
     * A webhook payload as GitHub sends it today, every field (src/test/resources/webhooks/, written after
     * GitHub's webhook docs and octokit/webhooks' examples), with {@code __KEY__} placeholders replaced by
     * {@code vars} (numbers unquoted where GitHub sends numbers). Fails on a placeholder left unreplaced.
     */
    public static String realShaped(String file, java.util.Map<String, String> vars) {
        String text;
        try (var in = Payloads.class.getResourceAsStream("/webhooks/" + file)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalArgumentException("no webhook fixture " + file, e);
        }
        for (var e : vars.entrySet()) {
            text = text.replace("__" + e.getKey() + "__", e.getValue());
        }
        java.util.regex.Matcher left = java.util.regex.Pattern.compile("__[A-Z_]+__").matcher(text);
        if (left.find()) {
            throw new IllegalArgumentException(file + ": placeholder " + left.group() + " not given");
        }
        return text;
    }

    public static String pullRequest(String action, PullRequest pr) {
        ObjectNode root = base(pr.repo());
        root.put("action", action);
        root.put("number", pr.number());
        root.set("pull_request", pr(pr));
        return root.toString();
    }

    public static String issueComment(RepoRef repo, int number, boolean onPr, Comment c, String userType) {
        ObjectNode root = base(repo);
        root.put("action", "created");
        ObjectNode issue = root.putObject("issue");
        issue.put("number", number);
        issue.put("title", "issue " + number);
        issue.put("state", "open");
        issue.put("html_url", "https://github.com/" + repo + "/issues/" + number);
        if (onPr) {
            issue.putObject("pull_request").put("url", "https://api.github.com/repos/" + repo + "/pulls/" + number);
        }
        ObjectNode comment = root.putObject("comment");
        comment.put("id", c.id());
        comment.put("body", c.body());
        comment.put("created_at", c.createdAt().toString());
        comment.put("html_url", c.htmlUrl());
        user(comment.putObject("user"), c.author(), userType);
        user(root.putObject("sender"), c.author(), userType);
        return root.toString();
    }

    public static String status(RepoRef repo, String sha, String context, String state) {
        ObjectNode root = base(repo);
        root.put("id", 1);
        root.put("sha", sha);
        root.put("name", repo.toString());
        root.put("context", context);
        root.put("state", state);
        root.put("description", context + " " + state);
        root.putArray("branches");
        return root.toString();
    }

    public static String push(RepoRef repo, String ref, String after) {
        ObjectNode root = base(repo);
        root.put("ref", ref);
        root.put("before", "0".repeat(40));
        root.put("after", after);
        root.putArray("commits");
        return root.toString();
    }

    /**
     * A push of one commit {@code after} (a merge by Tide) that added, removed and modified these files, with the
     * fields GitHub sends (webhooks/push.main.json is a real one): pusher, created/deleted/forced, compare, the commit
     * in {@code commits} and as {@code head_commit}, sender.
     */
    public static String push(RepoRef repo, String ref, String before, String after, String message,
                              List<String> added, List<String> removed, List<String> modified) {
        ObjectNode root = base(repo);
        root.put("ref", ref);
        root.put("before", before);
        root.put("after", after);
        root.putObject("pusher").put("name", "k8s-ci-robot").put("email", "k8s-ci-robot@users.noreply.github.com");
        root.put("created", false);
        root.put("deleted", false);
        root.put("forced", false);
        root.putNull("base_ref");
        root.put("compare", "https://github.com/" + repo + "/compare/" + before.substring(0, 12) + "..."
                + after.substring(0, 12));
        ObjectNode commit = root.putArray("commits").addObject();
        commit.put("id", after);
        commit.put("tree_id", "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
        commit.put("distinct", true);
        commit.put("message", message);
        commit.put("timestamp", "2026-11-30T17:45:00Z");
        commit.put("url", "https://github.com/" + repo + "/commit/" + after);
        commit.putObject("author").put("name", "Kubernetes Prow Robot")
                .put("email", "k8s-ci-robot@users.noreply.github.com").put("username", "k8s-ci-robot");
        commit.putObject("committer").put("name", "GitHub").put("email", "noreply@github.com")
                .put("username", "web-flow");
        added.forEach(commit.putArray("added")::add);
        removed.forEach(commit.putArray("removed")::add);
        modified.forEach(commit.putArray("modified")::add);
        root.set("head_commit", commit.deepCopy());
        user(root.putObject("sender"), "k8s-ci-robot", "User");
        return root.toString();
    }

    private static ObjectNode base(RepoRef repo) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode r = root.putObject("repository");
        r.put("id", 1);
        r.put("name", repo.name());
        r.put("full_name", repo.toString());
        r.put("html_url", "https://github.com/" + repo);
        user(r.putObject("owner"), repo.owner(), "Organization");
        user(root.putObject("organization"), repo.owner(), "Organization");
        return root;
    }

    private static ObjectNode pr(PullRequest pr) {
        ObjectNode n = JSON.createObjectNode();
        n.put("number", pr.number());
        n.put("title", pr.title());
        n.put("body", pr.body());
        n.put("state", pr.open() ? "open" : "closed");
        n.put("merged", pr.merged());
        n.put("html_url", pr.htmlUrl());
        n.put("created_at", String.valueOf(pr.createdAt()));
        if (pr.closedAt() != null) n.put("closed_at", pr.closedAt().toString()); else n.putNull("closed_at");
        if (pr.mergedAt() != null) n.put("merged_at", pr.mergedAt().toString()); else n.putNull("merged_at");
        user(n.putObject("user"), pr.author(), "User");
        ObjectNode head = n.putObject("head");
        head.put("ref", pr.headRef());
        head.put("sha", pr.headSha());
        head.put("label", pr.headOwner() + ":" + pr.headRef());
        user(head.putObject("repo").putObject("owner"), pr.headOwner(), "User");
        ObjectNode base = n.putObject("base");
        base.put("ref", pr.baseRef());
        base.put("label", pr.repo().owner() + ":" + pr.baseRef());
        ArrayNode labels = n.putArray("labels");
        pr.labels().forEach(l -> labels.addObject().put("name", l));
        return n;
    }

    private static void user(ObjectNode u, String login, String type) {
        u.put("login", login);
        u.put("type", type);
    }
}
