package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxHttp.number;
import static io.prow.autodeploy.sandbox.SandboxHttp.optional;
import static io.prow.autodeploy.sandbox.SandboxHttp.repo;
import static io.prow.autodeploy.sandbox.SandboxHttp.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prow.autodeploy.github.ChangedFile;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.github.StatusState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Repository, pull request, comment, label and commit-status endpoints. */
final class SandboxRoutesPulls {
    private final InMemoryGitHub gh;
    private final SandboxJson json;
    /** When each status (sha, context, state, text) was first seen: the model keeps no time, ETags must be stable. */
    private final Map<String, Instant> statusSeen = new ConcurrentHashMap<>();

    SandboxRoutesPulls(InMemoryGitHub gh, SandboxJson json) {
        this.gh = gh;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/repos/{o}/{r}", ctx -> ok(ctx, json.repo(repo(ctx), gh.defaultBranch(repo(ctx)))));
        routes.get("/repos/{o}/{r}/pulls", this::listPulls);
        routes.post("/repos/{o}/{r}/pulls", this::createPull);
        routes.get("/repos/{o}/{r}/pulls/{n}", ctx -> ok(ctx, pull(gh.pullRequest(repo(ctx), number(ctx, "n")), true)));
        routes.get("/repos/{o}/{r}/pulls/{n}/files", this::files);
        routes.get("/repos/{o}/{r}/issues/{n}/comments", this::comments);
        routes.post("/repos/{o}/{r}/issues/{n}/comments", this::createComment);
        routes.patch("/repos/{o}/{r}/issues/comments/{id}", this::editComment);
        routes.delete("/repos/{o}/{r}/issues/comments/{id}", ctx -> {
            gh.deleteComment(repo(ctx), parseLong(ctx.pathParam("id")));
            ctx.status(204);
        });
        routes.post("/repos/{o}/{r}/issues/{n}/labels", this::addLabels);
        // <name>: kohsuke sends do-not-merge/hold unencoded, other clients send do-not-merge%2Fhold; both match.
        routes.delete("/repos/{o}/{r}/issues/{n}/labels/<name>", this::removeLabel);
        routes.post("/repos/{o}/{r}/statuses/{sha}", this::createStatus);
        routes.get("/repos/{o}/{r}/statuses/{sha}", this::listStatuses);
        routes.get("/repos/{o}/{r}/commits/{sha}/status", this::combinedStatus);
        routes.get("/repos/{o}/{r}/commits/{sha}/check-runs", this::checkRuns);
    }

    private void ok(Context ctx, JsonNode body) {
        SandboxHttp.send(ctx, 200, body, gh.clock());
    }

    private ObjectNode pull(PullRequest pr, boolean full) {
        String defaultBranch = gh.defaultBranch(pr.repo());
        String baseSha = gh.peekBranchSha(pr.repo(), pr.baseRef()).orElse(null);
        return json.pull(pr, baseSha, defaultBranch, full);
    }

    /**
     * The port always lists newest update first (what the plugin asks for with sort=updated&direction=desc), so
     * {@code sort} and {@code direction} are accepted and not re-applied. {@code head} ({@code user:ref}), {@code base},
     * {@code per_page} and {@code page} are honoured as GitHub does.
     */
    private void listPulls(Context ctx) {
        RepoRef ref = repo(ctx);
        PrQuery.State state = switch (String.valueOf(ctx.queryParam("state")).toLowerCase(Locale.ROOT)) {
            case "closed" -> PrQuery.State.CLOSED;
            case "all" -> PrQuery.State.ALL;
            default -> PrQuery.State.OPEN;
        };
        int perPage = parseOr(ctx.queryParam("per_page"), 30);
        int page = parseOr(ctx.queryParam("page"), 1);
        ArrayNode out = json.array();
        PrQuery q = new PrQuery(state, ctx.queryParam("base"), ctx.queryParam("head"),
                Math.max(1, Math.min(100, perPage)), Math.max(1, page));
        gh.pullRequests(ref, q).forEach(pr -> out.add(pull(pr, false)));
        if (out.size() == q.limit()) {
            // GitHub names the next page in a Link header; clients (kohsuke) page by it. A full page may have more.
            String query = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)page=[^&]*", "");
            ctx.header("Link", "<" + ctx.url() + "?" + (query.isEmpty() ? "" : query.replaceFirst("^&", "") + "&")
                    + "page=" + (q.page() + 1) + ">; rel=\"next\"");
        }
        ok(ctx, out);
    }

    private void createPull(Context ctx) {
        RepoRef ref = repo(ctx);
        JsonNode body = SandboxHttp.body(ctx);
        String head = required(body, "head");
        String owner = ref.owner() + ":";
        if (head.contains(":") && !head.startsWith(owner)) {
            throw new GitHubException(422, "Validation Failed: the sandbox opens PRs from branches of " + ref
                    + " only, got head " + head);
        }
        PullRequest pr = gh.createPullRequest(ref, required(body, "title"),
                head.startsWith(owner) ? head.substring(owner.length()) : head, required(body, "base"),
                optional(body, "body"));
        SandboxHttp.send(ctx, 201, pull(pr, true), gh.clock());
    }

    private void files(Context ctx) {
        RepoRef ref = repo(ctx);
        int n = number(ctx, "n");
        List<ChangedFile> files = gh.changedFiles(ref, n);
        Map<String, String> changes = gh.peekChanges(ref, n);
        Map<String, String> base = gh.peekTree(ref, gh.peek(ref, n).baseRef());
        ArrayNode out = json.array();
        for (ChangedFile file : files) {
            String path = file.path();
            String text = changes.getOrDefault(path, "");
            String sha = SandboxGitObjects.blobSha(text);
            int lines = (int) text.lines().count();
            ObjectNode f = out.addObject().put("sha", sha).put("filename", path)
                    .put("status", base.containsKey(path) ? "modified" : "added")
                    .put("additions", lines).put("deletions", base.containsKey(path) ? lines : 0)
                    .put("changes", base.containsKey(path) ? 2 * lines : lines)
                    .put("blob_url", "https://github.com/" + ref + "/blob/" + sha + "/" + path)
                    .put("raw_url", "https://github.com/" + ref + "/raw/" + sha + "/" + path)
                    .put("contents_url", json.api() + "/repos/" + ref + "/contents/" + path + "?ref=" + sha);
            if (file.hasPatch()) { // GitHub leaves "patch" out for diffs too large to show
                f.put("patch", file.patch());
            }
        }
        ok(ctx, out);
    }

    private void comments(Context ctx) {
        RepoRef ref = repo(ctx);
        int n = number(ctx, "n");
        ArrayNode out = json.array();
        gh.comments(ref, n).forEach(c -> out.add(json.comment(ref, n, c)));
        ok(ctx, out);
    }

    private void createComment(Context ctx) {
        RepoRef ref = repo(ctx);
        int n = number(ctx, "n");
        Comment c = gh.createComment(ref, n, required(SandboxHttp.body(ctx), "body"));
        SandboxHttp.send(ctx, 201, json.comment(ref, n, c), gh.clock());
    }

    private void editComment(Context ctx) {
        RepoRef ref = repo(ctx);
        long id = parseLong(ctx.pathParam("id"));
        gh.editComment(ref, id, required(SandboxHttp.body(ctx), "body"));
        Map.Entry<Integer, Comment> edited = gh.peekComment(ref, id)
                .orElseThrow(() -> new GitHubException(404, "Not Found"));
        ok(ctx, json.comment(ref, edited.getKey(), edited.getValue()));
    }

    private void addLabels(Context ctx) {
        RepoRef ref = repo(ctx);
        int n = number(ctx, "n");
        JsonNode body = SandboxHttp.body(ctx);
        JsonNode names = body.isArray() ? body : body.get("labels");
        if (names == null || !names.isArray()) {
            throw new GitHubException(422, "Invalid request.\n\n\"labels\" wasn't supplied.");
        }
        List<String> labels = new ArrayList<>();
        names.forEach(l -> labels.add(l.isObject() ? l.path("name").asText() : l.asText()));
        gh.addLabels(ref, n, labels);
        ok(ctx, labelsOf(ref, n));
    }

    /** Always one removeLabel call on the port (the port is idempotent); GitHub's 404 when it was not there. */
    private void removeLabel(Context ctx) {
        RepoRef ref = repo(ctx);
        int n = number(ctx, "n");
        String name = ctx.pathParam("name");
        boolean present;
        synchronized (gh) {
            present = gh.peek(ref, n).hasLabel(name);
            gh.removeLabel(ref, n, name);
        }
        if (!present) {
            throw new GitHubException(404, "Label does not exist");
        }
        ok(ctx, labelsOf(ref, n));
    }

    private ArrayNode labelsOf(RepoRef ref, int n) {
        ArrayNode out = json.array();
        gh.peek(ref, n).labels().stream().sorted().forEach(l -> out.add(json.label(ref, l)));
        return out;
    }

    private void createStatus(Context ctx) {
        RepoRef ref = repo(ctx);
        String sha = ctx.pathParam("sha");
        JsonNode body = SandboxHttp.body(ctx);
        StatusState state;
        try {
            state = StatusState.valueOf(required(body, "state").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GitHubException(422, "Validation Failed: state must be error, failure, pending or success");
        }
        String context = body.hasNonNull("context") ? body.get("context").asText() : "default";
        String description = optional(body, "description");
        String targetUrl = optional(body, "target_url");
        gh.setStatus(ref, sha, state, context, description, targetUrl);
        // The model folds error into failure; the answer still echoes the state that was posted.
        Check written = gh.peekChecks(ref, sha).get(context);
        ObjectNode out = status(ref, sha, written);
        out.put("state", state.api());
        SandboxHttp.send(ctx, 201, out, gh.clock());
    }

    private void listStatuses(Context ctx) {
        RepoRef ref = repo(ctx);
        String sha = ctx.pathParam("sha");
        ArrayNode out = json.array();
        gh.checks(ref, sha).forEach(c -> out.add(status(ref, sha, c)));
        ok(ctx, out);
    }

    private ObjectNode status(RepoRef ref, String sha, Check c) {
        Instant at = statusSeen.computeIfAbsent(ref + "@" + sha + "/" + c, k -> gh.clock().instant());
        return json.status(ref, sha, c, gh.botLogin(), at);
    }

    /** GitHub's combined state: failure if any failed, else pending if any is pending or there is none. */
    private void combinedStatus(Context ctx) {
        RepoRef ref = repo(ctx);
        String sha = ctx.pathParam("sha");
        List<Check> checks = gh.checks(ref, sha);
        boolean failed = checks.stream().anyMatch(c -> c.state() == Check.State.FAILURE);
        boolean pending = checks.isEmpty() || checks.stream().anyMatch(c -> c.state() == Check.State.PENDING);
        ObjectNode out = json.object().put("state", failed ? "failure" : pending ? "pending" : "success")
                .put("sha", sha).put("total_count", checks.size())
                .put("commit_url", json.api() + "/repos/" + ref + "/commits/" + sha)
                .put("url", json.api() + "/repos/" + ref + "/commits/" + sha + "/status");
        ArrayNode statuses = out.putArray("statuses");
        checks.forEach(c -> statuses.add(status(ref, sha, c)));
        out.set("repository", json.repo(ref, gh.defaultBranch(ref)));
        ok(ctx, out);
    }

    /**
     * The in-memory model keeps every CI result as a commit status (which is how Prow reports), so there are no
     * check runs: an empty list, and no port call, so a gate reading both sees each context exactly once.
     */
    private void checkRuns(Context ctx) {
        gh.defaultBranch(repo(ctx));
        ObjectNode out = json.object().put("total_count", 0);
        out.putArray("check_runs");
        ok(ctx, out);
    }

    private static int parseOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new GitHubException(404, "Not Found");
        }
    }
}
