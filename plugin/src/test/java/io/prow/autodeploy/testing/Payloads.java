package io.prow.autodeploy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;

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
