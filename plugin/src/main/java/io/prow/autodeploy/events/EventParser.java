package io.prow.autodeploy.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.github.WebhookEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Maps a GitHub webhook payload (already parsed to a tree) to a typed {@link WebhookEvent}. */
public final class EventParser {
    private EventParser() {}

    public static WebhookEvent parse(String eventType, JsonNode root) throws PayloadException {
        if (root == null || !root.isObject()) {
            throw new PayloadException("payload is not a JSON object");
        }
        RepoRef repo = repoOf(root);
        return switch (eventType) {
            case "pull_request" -> new WebhookEvent.PullRequestEvent(required(repo), text(root, "action"),
                    pullRequest(required(repo), need(root, "pull_request")), senderOf(root), labelOf(root));
            case "issue_comment" -> issueComment(required(repo), root);
            case "status" -> new WebhookEvent.StatusEvent(required(repo), needText(root, "sha"),
                    text(root, "context"), text(root, "state"));
            case "check_run" -> checkEvent(required(repo), need(root, "check_run"));
            case "check_suite" -> checkEvent(required(repo), need(root, "check_suite"));
            case "push" -> new WebhookEvent.PushEvent(required(repo), needText(root, "ref"), text(root, "after"),
                    PushedPaths.of(root));
            default -> new WebhookEvent.Ignored(repo, eventType);
        };
    }

    /** {@code sender.login}: who caused the event (the pusher of a synchronize); null when absent. */
    private static String senderOf(JsonNode root) {
        JsonNode login = root.path("sender").path("login");
        return login.isTextual() && !login.asText().isEmpty() ? login.asText() : null;
    }

    /** {@code label.name}: the label a labeled/unlabeled event is about; null when absent. */
    private static String labelOf(JsonNode root) {
        JsonNode name = root.path("label").path("name");
        return name.isTextual() && !name.asText().isEmpty() ? name.asText() : null;
    }

    /** {@code repository.full_name}, the key hook also uses to pick the HMAC token scope. */
    public static RepoRef repoOf(JsonNode root) {
        JsonNode full = root.path("repository").path("full_name");
        if (!full.isTextual()) {
            return null;
        }
        try {
            return RepoRef.parse(full.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static WebhookEvent issueComment(RepoRef repo, JsonNode root) throws PayloadException {
        JsonNode issue = need(root, "issue");
        JsonNode c = need(root, "comment");
        JsonNode user = need(c, "user");
        Comment comment = new Comment(c.path("id").asLong(), needText(user, "login"), text(c, "body"),
                time(c, "created_at"), text(c, "html_url"));
        boolean bot = "Bot".equals(user.path("type").asText());
        return new WebhookEvent.IssueCommentEvent(repo, text(root, "action"), issue.path("number").asInt(),
                issue.hasNonNull("pull_request"), comment, bot);
    }

    private static WebhookEvent checkEvent(RepoRef repo, JsonNode node) throws PayloadException {
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode pr : node.path("pull_requests")) {
            numbers.add(pr.path("number").asInt());
        }
        return new WebhookEvent.CheckEvent(repo, needText(node, "head_sha"), List.copyOf(numbers));
    }

    public static PullRequest pullRequest(RepoRef repo, JsonNode pr) throws PayloadException {
        Set<String> labels = new HashSet<>();
        for (JsonNode l : pr.path("labels")) {
            labels.add(l.path("name").asText());
        }
        JsonNode head = need(pr, "head");
        String headOwner = head.path("repo").path("owner").path("login").asText(
                head.path("user").path("login").asText(""));
        return new PullRequest(repo, pr.path("number").asInt(), text(pr, "title"), text(pr, "body"),
                needText(need(pr, "user"), "login"), headOwner, needText(head, "ref"), needText(head, "sha"),
                needText(need(pr, "base"), "ref"), "open".equals(text(pr, "state")), time(pr, "created_at"),
                time(pr, "closed_at"), time(pr, "merged_at"), labels, text(pr, "html_url"),
                // head.repo is null when the fork was deleted: no head repository, so never trusted.
                head.path("repo").hasNonNull("full_name") ? head.path("repo").path("full_name").asText() : null,
                pr.path("merged").asBoolean(false) ? text(pr, "merge_commit_sha") : null);
    }

    private static RepoRef required(RepoRef repo) throws PayloadException {
        if (repo == null) {
            throw new PayloadException("repository.full_name is missing or not org/repo");
        }
        return repo;
    }

    private static JsonNode need(JsonNode node, String field) throws PayloadException {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new PayloadException("'" + field + "' is missing or not an object");
        }
        return v;
    }

    private static String needText(JsonNode node, String field) throws PayloadException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new PayloadException("'" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Instant time(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
