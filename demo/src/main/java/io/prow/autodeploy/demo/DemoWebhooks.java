package io.prow.autodeploy.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.server.SignatureVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Sends webhooks to the plugin exactly as hook forwards them: GitHub's payload shape, headers and signature. */
final class DemoWebhooks {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final byte[] token;

    DemoWebhooks(int port, String token) {
        this.url = "http://127.0.0.1:" + port + "/hook";
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    int pullRequest(String action, PullRequest pr) throws Exception {
        return send("pull_request", pullRequestPayload(action, pr).toString(), true);
    }

    /**
     * {@code pull_request} {@code labeled}/{@code unlabeled}: GitHub adds the {@code label} that changed and the
     * {@code sender} who changed it (docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request).
     */
    int labelChanged(String action, PullRequest pr, String label, String sender) throws Exception {
        ObjectNode root = pullRequestPayload(action, pr);
        root.put("number", pr.number());
        root.putObject("label").put("name", label);
        root.putObject("sender").put("login", sender).put("type", "User");
        return send("pull_request", root.toString(), true);
    }

    private ObjectNode pullRequestPayload(String action, PullRequest pr) {
        ObjectNode root = repo(pr.repo());
        root.put("action", action);
        ObjectNode p = root.putObject("pull_request");
        p.put("number", pr.number());
        p.put("title", pr.title());
        p.put("state", pr.open() ? "open" : "closed");
        p.put("html_url", pr.htmlUrl());
        p.putObject("user").put("login", pr.author());
        ObjectNode head = p.putObject("head");
        head.put("ref", pr.headRef());
        head.put("sha", pr.headSha());
        ObjectNode headRepo = head.putObject("repo").put("full_name", pr.headRepo());
        headRepo.putObject("owner").put("login", pr.headOwner());
        p.putObject("base").put("ref", pr.baseRef());
        var labels = p.putArray("labels");
        pr.labels().forEach(l -> labels.addObject().put("name", l));
        return root;
    }

    int comment(RepoRef repo, int number, Comment c) throws Exception {
        ObjectNode root = repo(repo);
        root.put("action", "created");
        ObjectNode issue = root.putObject("issue");
        issue.put("number", number);
        issue.putObject("pull_request").put("url", "https://api.github.com/repos/" + repo + "/pulls/" + number);
        ObjectNode cm = root.putObject("comment");
        cm.put("id", c.id());
        cm.put("body", c.body());
        cm.put("html_url", c.htmlUrl());
        cm.putObject("user").put("login", c.author()).put("type", "User");
        return send("issue_comment", root.toString(), true);
    }

    int push(RepoRef repo, String branch, String sha) throws Exception {
        ObjectNode root = repo(repo);
        root.put("ref", "refs/heads/" + branch);
        root.put("after", sha);
        return send("push", root.toString(), true);
    }

    int send(String event, String body, boolean signed) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", signed ? SignatureVerifier.sign(bytes, token) : "sha256=00")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private ObjectNode repo(RepoRef repo) {
        ObjectNode root = json.createObjectNode();
        root.putObject("repository").put("full_name", repo.toString());
        return root;
    }
}
