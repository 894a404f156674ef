package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxHttp.optional;
import static io.prow.autodeploy.sandbox.SandboxHttp.repo;
import static io.prow.autodeploy.sandbox.SandboxHttp.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.RepoRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Git data endpoints: refs, commits, trees, blobs and contents. Writes stage blobs and trees in
 * {@link SandboxGitObjects}; the commit POST resolves its tree to path → text and lands through
 * {@link InMemoryGitHub#createCommit} (so it is counted and logged), refs through {@link InMemoryGitHub#setBranch}.
 */
final class SandboxRoutesGit {
    private final InMemoryGitHub gh;
    private final SandboxJson json;
    private final SandboxGitObjects objects;

    SandboxRoutesGit(InMemoryGitHub gh, SandboxJson json, SandboxGitObjects objects) {
        this.gh = gh;
        this.json = json;
        this.objects = objects;
    }

    void register(RoutesConfig routes) {
        routes.get("/repos/{o}/{r}/git/ref/heads/<branch>", this::getRef);
        routes.get("/repos/{o}/{r}/git/refs/heads/<branch>", this::getRef);
        routes.get("/repos/{o}/{r}/branches/<branch>", this::getBranch);
        routes.patch("/repos/{o}/{r}/git/refs/heads/<branch>", this::updateRef);
        routes.post("/repos/{o}/{r}/git/refs", this::createRef);
        routes.get("/repos/{o}/{r}/git/commits/{sha}", ctx -> ok(ctx, json.gitCommit(repo(ctx), ctx.pathParam("sha"),
                commitInfo(repo(ctx), ctx.pathParam("sha")))));
        routes.get("/repos/{o}/{r}/commits/{sha}", this::getRepoCommit);
        routes.post("/repos/{o}/{r}/git/commits", this::createCommit);
        routes.get("/repos/{o}/{r}/git/trees/{sha}", this::getTree);
        routes.post("/repos/{o}/{r}/git/trees", this::createTree);
        routes.post("/repos/{o}/{r}/git/blobs", this::createBlob);
        routes.get("/repos/{o}/{r}/contents/<path>", this::getContent);
        new SandboxRoutesCompare(gh, json).register(routes);
    }

    private void ok(Context ctx, JsonNode body) {
        SandboxHttp.send(ctx, 200, body, gh.clock());
    }

    private void getRef(Context ctx) {
        RepoRef ref = repo(ctx);
        String branch = ctx.pathParam("branch");
        String sha = gh.branchSha(ref, branch).orElseThrow(() -> new GitHubException(404, "Not Found"));
        ok(ctx, json.ref(ref, branch, sha));
    }

    private void getBranch(Context ctx) {
        RepoRef ref = repo(ctx);
        String branch = ctx.pathParam("branch");
        String sha = gh.branchSha(ref, branch).orElseThrow(() -> new GitHubException(404, "Branch not found"));
        ObjectNode out = json.object().put("name", branch).put("protected", false)
                .put("protection_url", json.api() + "/repos/" + ref + "/branches/" + branch + "/protection");
        out.putObject("commit").put("sha", sha).put("url", json.api() + "/repos/" + ref + "/commits/" + sha);
        ok(ctx, out);
    }

    private void createRef(Context ctx) {
        RepoRef ref = repo(ctx);
        JsonNode body = SandboxHttp.body(ctx);
        String name = required(body, "ref");
        String sha = required(body, "sha");
        if (!name.startsWith("refs/heads/") || name.length() == "refs/heads/".length()) {
            throw new GitHubException(422, "Reference name must start with refs/heads/ in the sandbox: " + name);
        }
        String branch = name.substring("refs/heads/".length());
        synchronized (gh) {
            if (gh.peekBranchSha(ref, branch).isPresent()) {
                throw new GitHubException(422, "Reference already exists");
            }
            requireCommit(ref, sha);
            gh.setBranch(ref, branch, sha);
        }
        SandboxHttp.send(ctx, 201, json.ref(ref, branch, sha), gh.clock());
    }

    /** GitHub refuses a non-forced update that is not a fast-forward; ancestry is known for commits posted here. */
    private void updateRef(Context ctx) {
        RepoRef ref = repo(ctx);
        String branch = ctx.pathParam("branch");
        JsonNode body = SandboxHttp.body(ctx);
        String sha = required(body, "sha");
        boolean force = body.path("force").asBoolean(false);
        synchronized (gh) {
            String old = gh.peekBranchSha(ref, branch)
                    .orElseThrow(() -> new GitHubException(422, "Reference does not exist"));
            requireCommit(ref, sha);
            if (!force && !objects.reaches(ref, sha, old)) {
                throw new GitHubException(422, "Update is not a fast forward");
            }
            gh.setBranch(ref, branch, sha);
        }
        ok(ctx, json.ref(ref, branch, sha));
    }

    private void requireCommit(RepoRef ref, String sha) {
        try {
            gh.peekCommitTree(ref, sha);
        } catch (GitHubException e) {
            throw new GitHubException(422, "Object does not exist");
        }
    }

    /** A commit's tree, message and parents; commits made outside the REST API get a plain message, no parents. */
    private SandboxGitObjects.Commit commitInfo(RepoRef ref, String sha) {
        synchronized (gh) { // always gh before objects, as createCommit does, so the two locks cannot deadlock
            String treeSha = objects.putTree(ref, gh.peekCommitTree(ref, sha));
            return objects.commit(ref, sha).orElseGet(() -> {
                SandboxGitObjects.Commit c = new SandboxGitObjects.Commit(treeSha,
                        "Sandbox commit " + sha.substring(0, Math.min(7, sha.length())), List.of(),
                        gh.clock().instant());
                objects.putCommit(ref, sha, c);
                return c;
            });
        }
    }

    private void getRepoCommit(Context ctx) {
        RepoRef ref = repo(ctx);
        String sha = gh.peekBranchSha(ref, ctx.pathParam("sha")).orElse(ctx.pathParam("sha"));
        SandboxGitObjects.Commit c = commitInfo(ref, sha);
        ArrayNode files = json.array();
        if (c.parents().size() == 1) {
            Map<String, String> before = gh.peekCommitTree(ref, c.parents().get(0));
            gh.peekCommitTree(ref, sha).forEach((path, text) -> {
                if (!text.equals(before.get(path))) {
                    files.addObject().put("filename", path).put("sha", SandboxGitObjects.blobSha(text))
                            .put("status", before.containsKey(path) ? "modified" : "added");
                }
            });
        }
        ok(ctx, json.repoCommit(ref, sha, c, files));
    }

    /**
     * Resolves the tree, lands the commit through the port with only the files that differ from the parent, and
     * remembers tree, message and parent for later reads. One parent only, and no deletions: the in-memory model
     * applies a commit as "parent tree plus changed files", which is all the plugin's image rewrites need.
     */
    private void createCommit(Context ctx) {
        RepoRef ref = repo(ctx);
        JsonNode body = SandboxHttp.body(ctx);
        String message = required(body, "message");
        String treeSha = required(body, "tree");
        JsonNode parents = body.path("parents");
        if (!parents.isArray() || parents.size() != 1) {
            throw new GitHubException(422, "Validation Failed: the sandbox needs exactly one parent per commit");
        }
        String parent = parents.get(0).asText();
        SandboxGitObjects.Commit created;
        String sha;
        synchronized (gh) {
            Map<String, String> files = objects.tree(ref, treeSha)
                    .orElseThrow(() -> new GitHubException(422, "Tree SHA does not exist"));
            Map<String, String> before;
            try {
                before = gh.peekCommitTree(ref, parent);
            } catch (GitHubException e) {
                throw new GitHubException(422, "Parent SHA does not exist or is not a commit object");
            }
            List<String> deleted = before.keySet().stream().filter(p -> !files.containsKey(p)).sorted().toList();
            if (!deleted.isEmpty()) {
                throw new GitHubException(422, "Validation Failed: the sandbox cannot delete files " + deleted);
            }
            Map<String, String> changes = new LinkedHashMap<>();
            files.forEach((path, text) -> {
                if (!text.equals(before.get(path))) {
                    changes.put(path, text);
                }
            });
            sha = gh.createCommit(ref, parent, message, changes);
            created = new SandboxGitObjects.Commit(treeSha, message, List.of(parent), gh.clock().instant());
            objects.putCommit(ref, sha, created);
        }
        SandboxHttp.send(ctx, 201, json.gitCommit(ref, sha, created), gh.clock());
    }

    /** A tree sha posted here, or (as GitHub allows) a commit sha or branch name; commits count a treePaths read. */
    private void getTree(Context ctx) {
        RepoRef ref = repo(ctx);
        String given = ctx.pathParam("sha");
        String recursive = ctx.queryParam("recursive");
        SortedMap<String, String> files = objects.tree(ref, given).orElse(null);
        String treeSha = given;
        if (files == null) {
            String commit = gh.peekBranchSha(ref, given).orElse(given);
            gh.treePaths(ref, commit);
            files = new TreeMap<>(gh.peekCommitTree(ref, commit));
            treeSha = objects.putTree(ref, files);
        }
        boolean deep = recursive != null && !recursive.equals("0") && !recursive.equalsIgnoreCase("false");
        ok(ctx, tree(ref, treeSha, files, deep));
    }

    private ObjectNode tree(RepoRef ref, String treeSha, SortedMap<String, String> files, boolean recursive) {
        SortedMap<String, ObjectNode> entries = new TreeMap<>();
        files.forEach((path, text) -> {
            String[] parts = path.split("/");
            if (!recursive && parts.length > 1) {
                String dir = parts[0];
                entries.computeIfAbsent(dir, d -> json.treeEntry(ref, d, "tree", subtreeSha(ref, files, d), null));
                return;
            }
            for (int i = 1; recursive && i < parts.length; i++) {
                String dir = String.join("/", List.of(parts).subList(0, i));
                entries.computeIfAbsent(dir, d -> json.treeEntry(ref, d, "tree", subtreeSha(ref, files, d), null));
            }
            entries.put(path, json.treeEntry(ref, path, "blob", SandboxGitObjects.blobSha(text),
                    text.getBytes(StandardCharsets.UTF_8).length));
        });
        ObjectNode out = json.object().put("sha", treeSha)
                .put("url", json.api() + "/repos/" + ref + "/git/trees/" + treeSha).put("truncated", false);
        ArrayNode tree = out.putArray("tree");
        entries.values().forEach(tree::add);
        return out;
    }

    private String subtreeSha(RepoRef ref, SortedMap<String, String> files, String dir) {
        Map<String, String> sub = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(dir + "/")) {
                sub.put(path.substring(dir.length() + 1), text);
            }
        });
        return objects.putTree(ref, sub);
    }

    private void createTree(Context ctx) {
        RepoRef ref = repo(ctx);
        JsonNode body = SandboxHttp.body(ctx);
        String base = optional(body, "base_tree");
        SortedMap<String, String> files = new TreeMap<>();
        if (base != null) {
            files.putAll(objects.tree(ref, base).orElseGet(() -> {
                try {
                    return new TreeMap<>(gh.peekCommitTree(ref, gh.peekBranchSha(ref, base).orElse(base)));
                } catch (GitHubException e) {
                    throw new GitHubException(422, "Invalid tree info: base_tree " + base + " does not exist");
                }
            }));
        }
        for (JsonNode entry : body.path("tree")) {
            String path = required(entry, "path");
            if (!"blob".equals(entry.path("type").asText("blob"))) {
                throw new GitHubException(422, "Invalid tree info: the sandbox takes blob entries only, got " + path);
            }
            if (entry.hasNonNull("content")) {
                files.put(path, entry.get("content").asText());
            } else if (entry.hasNonNull("sha")) {
                String blobSha = entry.get("sha").asText();
                files.put(path, objects.blob(ref, blobSha)
                        .orElseThrow(() -> new GitHubException(422, "Invalid tree info: no blob " + blobSha)));
            } else {
                files.remove(path); // GitHub deletes a path whose entry has "sha": null
            }
        }
        String sha = objects.putTree(ref, files);
        SandboxHttp.send(ctx, 201, tree(ref, sha, files, false), gh.clock());
    }

    private void createBlob(Context ctx) {
        RepoRef ref = repo(ctx);
        gh.defaultBranch(ref);
        JsonNode body = SandboxHttp.body(ctx);
        String content = body.path("content").isTextual() ? body.get("content").asText() : null;
        if (content == null) {
            throw new GitHubException(422, "Invalid request.\n\n\"content\" wasn't supplied.");
        }
        String text = "base64".equals(body.path("encoding").asText("utf-8"))
                ? new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8)
                : content;
        SandboxHttp.send(ctx, 201, json.blob(ref, objects.putBlob(ref, text)), gh.clock());
    }

    private void getContent(Context ctx) {
        RepoRef ref = repo(ctx);
        String path = ctx.pathParam("path");
        String at = ctx.queryParam("ref") != null ? ctx.queryParam("ref") : gh.defaultBranch(ref);
        ok(ctx, json.content(ref, path, gh.fileText(ref, path, at), at));
    }
}
