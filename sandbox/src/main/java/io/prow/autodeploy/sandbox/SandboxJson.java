package io.prow.autodeploy.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders sandbox state in GitHub's REST shapes, close enough for org.kohsuke:github-api to parse and follow:
 * {@code url} fields point back at this server because kohsuke refreshes and updates objects through them.
 * Ids are stable hashes of names, so the same object keeps its id across calls.
 */
final class SandboxJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEB = "https://github.com";
    static final String DOCS = "https://docs.github.com/rest";

    private volatile String api = "http://127.0.0.1";
    /** id → name for orgs and teams, because kohsuke addresses a team as /organizations/{id}/team/{id}. */
    private final Map<Long, String> names = new ConcurrentHashMap<>();

    /** Set once the server knows its port. */
    void bind(String apiRoot) {
        this.api = apiRoot;
    }

    String api() {
        return api;
    }

    Optional<String> nameOf(long id) {
        return Optional.ofNullable(names.get(id));
    }

    ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    ObjectNode error(String message) {
        return object().put("message", message).put("documentation_url", DOCS);
    }

    ObjectNode user(String login) {
        boolean bot = login.endsWith("[bot]");
        return object().put("login", login).put("id", id("user:" + login)).put("node_id", "U_" + login)
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id("user:" + login))
                .put("url", api + "/users/" + login).put("html_url", WEB + "/" + login)
                .put("type", bot ? "Bot" : "User").put("site_admin", false);
    }

    ObjectNode org(String org) {
        long id = register("org:" + org, org);
        return object().put("login", org).put("id", id).put("node_id", "O_" + org)
                .put("url", api + "/orgs/" + org).put("html_url", WEB + "/" + org)
                .put("repos_url", api + "/orgs/" + org + "/repos").put("type", "Organization");
    }

    ObjectNode team(String org, String slug) {
        long id = register("team:" + org + "/" + slug, org + "/" + slug);
        ObjectNode t = object().put("id", id).put("node_id", "T_" + slug).put("slug", slug).put("name", slug)
                .put("url", api + "/organizations/" + id("org:" + org) + "/team/" + id)
                .put("html_url", WEB + "/orgs/" + org + "/teams/" + slug)
                .put("members_url", api + "/organizations/" + id("org:" + org) + "/team/" + id + "/members{/member}")
                .put("privacy", "closed").put("permission", "pull");
        t.set("organization", org(org));
        return t;
    }

    ObjectNode repo(RepoRef ref, String defaultBranch) {
        String url = api + "/repos/" + ref;
        ObjectNode r = object().put("id", id("repo:" + ref)).put("node_id", "R_" + ref).put("name", ref.name())
                .put("full_name", ref.toString()).put("private", false).put("html_url", WEB + "/" + ref)
                .put("url", url).put("fork", false).put("default_branch", defaultBranch)
                .put("visibility", "public").put("archived", false).put("disabled", false)
                .put("clone_url", WEB + "/" + ref + ".git").put("pulls_url", url + "/pulls{/number}");
        ObjectNode owner = user(ref.owner()).put("type", "Organization").put("url", api + "/users/" + ref.owner());
        r.set("owner", owner);
        return r;
    }

    /** {@code full} adds what GitHub sends only for a single PR (merged, mergeable...), as the list omits them. */
    ObjectNode pull(PullRequest pr, String baseSha, String defaultBranch, boolean full) {
        RepoRef ref = pr.repo();
        String url = api + "/repos/" + ref + "/pulls/" + pr.number();
        Instant updated = pr.closedAt() != null ? pr.closedAt() : pr.createdAt();
        ObjectNode p = object().put("url", url).put("id", id("pull:" + ref + "#" + pr.number()))
                .put("node_id", "PR_" + ref + "_" + pr.number()).put("html_url", pr.htmlUrl())
                .put("diff_url", pr.htmlUrl() + ".diff").put("issue_url", api + "/repos/" + ref + "/issues/" + pr.number())
                .put("number", pr.number()).put("state", pr.open() ? "open" : "closed").put("locked", false)
                .put("title", pr.title()).put("body", pr.body()).put("draft", false)
                .put("created_at", iso(pr.createdAt())).put("updated_at", iso(updated))
                .put("closed_at", iso(pr.closedAt())).put("merged_at", iso(pr.mergedAt()))
                .put("merge_commit_sha", pr.mergeCommitSha())
                .put("author_association", "MEMBER");
        p.set("user", user(pr.author()));
        ArrayNode labels = p.putArray("labels");
        pr.labels().stream().sorted().forEach(l -> labels.add(label(ref, l)));
        p.putArray("assignees");
        p.putArray("requested_reviewers");
        ObjectNode head = p.putObject("head").put("label", pr.headOwner() + ":" + pr.headRef())
                .put("ref", pr.headRef()).put("sha", pr.headSha());
        head.set("user", user(pr.headOwner()));
        head.set("repo", repo(new RepoRef(pr.headOwner(), ref.name()), defaultBranch));
        ObjectNode base = p.putObject("base").put("label", ref.owner() + ":" + pr.baseRef())
                .put("ref", pr.baseRef()).put("sha", baseSha);
        base.set("user", user(ref.owner()));
        base.set("repo", repo(ref, defaultBranch));
        if (full) {
            p.put("merged", pr.merged()).put("mergeable", pr.open() ? Boolean.TRUE : null)
                    .put("mergeable_state", pr.open() ? "clean" : "unknown").put("comments", 0)
                    .put("review_comments", 0).put("maintainer_can_modify", false).put("commits", 1);
        }
        return p;
    }

    ObjectNode label(RepoRef ref, String name) {
        return object().put("id", id("label:" + name)).put("node_id", "LA_" + name)
                .put("url", api + "/repos/" + ref + "/labels/" + name).put("name", name)
                .put("color", sha256(name).substring(0, 6)).put("default", false).put("description", "");
    }

    ObjectNode comment(RepoRef ref, int issue, Comment c) {
        ObjectNode o = object().put("id", c.id()).put("node_id", "IC_" + c.id())
                .put("url", api + "/repos/" + ref + "/issues/comments/" + c.id()).put("html_url", c.htmlUrl())
                .put("issue_url", api + "/repos/" + ref + "/issues/" + issue).put("body", c.body())
                .put("created_at", iso(c.createdAt())).put("updated_at", iso(c.createdAt()))
                .put("author_association", "MEMBER");
        o.set("user", user(c.author()));
        return o;
    }

    /** One commit status; the model keeps only the latest per context and no time, so the caller supplies it. */
    ObjectNode status(RepoRef ref, String sha, Check c, String creator, Instant at) {
        ObjectNode s = object().put("url", api + "/repos/" + ref + "/statuses/" + sha)
                .put("id", id("status:" + sha + "/" + c.context())).put("node_id", "SC_" + c.context())
                .put("state", c.state().name().toLowerCase(Locale.ROOT)).put("description", c.description())
                .put("target_url", c.url()).put("context", c.context())
                .put("created_at", iso(at)).put("updated_at", iso(at));
        s.set("creator", user(creator));
        return s;
    }

    ObjectNode ref(RepoRef ref, String branch, String sha) {
        ObjectNode o = object().put("ref", "refs/heads/" + branch).put("node_id", "REF_" + branch)
                .put("url", api + "/repos/" + ref + "/git/refs/heads/" + branch);
        o.putObject("object").put("sha", sha).put("type", "commit")
                .put("url", api + "/repos/" + ref + "/git/commits/" + sha);
        return o;
    }

    /** The Git data API's commit: tree, message and parents at the top level. */
    ObjectNode gitCommit(RepoRef ref, String sha, SandboxGitObjects.Commit c) {
        ObjectNode o = object().put("sha", sha).put("node_id", "C_" + sha)
                .put("url", api + "/repos/" + ref + "/git/commits/" + sha)
                .put("html_url", WEB + "/" + ref + "/commit/" + sha).put("message", c.message());
        o.set("author", signature(c.at()));
        o.set("committer", signature(c.at()));
        o.putObject("tree").put("sha", c.treeSha()).put("url", api + "/repos/" + ref + "/git/trees/" + c.treeSha());
        ArrayNode parents = o.putArray("parents");
        c.parents().forEach(p -> parents.addObject().put("sha", p)
                .put("url", api + "/repos/" + ref + "/git/commits/" + p).put("html_url", WEB + "/" + ref + "/commit/" + p));
        o.putObject("verification").put("verified", false).put("reason", "unsigned");
        return o;
    }

    /** The repository API's commit ({@code /commits/{sha}}): the git commit nested under {@code commit}. */
    ObjectNode repoCommit(RepoRef ref, String sha, SandboxGitObjects.Commit c, ArrayNode files) {
        ObjectNode o = object().put("sha", sha).put("node_id", "C_" + sha)
                .put("url", api + "/repos/" + ref + "/commits/" + sha)
                .put("html_url", WEB + "/" + ref + "/commit/" + sha);
        ObjectNode git = gitCommit(ref, sha, c);
        ObjectNode inner = o.putObject("commit").put("url", git.get("url").asText()).put("message", c.message())
                .put("comment_count", 0);
        inner.set("author", git.get("author"));
        inner.set("committer", git.get("committer"));
        inner.set("tree", git.get("tree"));
        o.set("parents", git.get("parents"));
        o.set("files", files);
        return o;
    }

    ObjectNode treeEntry(RepoRef ref, String path, String type, String sha, Integer size) {
        ObjectNode e = object().put("path", path).put("mode", "tree".equals(type) ? "040000" : "100644")
                .put("type", type).put("sha", sha)
                .put("url", api + "/repos/" + ref + "/git/" + ("tree".equals(type) ? "trees/" : "blobs/") + sha);
        if (size != null) {
            e.put("size", size);
        }
        return e;
    }

    ObjectNode content(RepoRef ref, String path, String text, String at) {
        String sha = SandboxGitObjects.blobSha(text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ObjectNode o = object().put("type", "file").put("encoding", "base64").put("size", bytes.length)
                .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path)
                .put("content", Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes) + "\n")
                .put("sha", sha).put("url", api + "/repos/" + ref + "/contents/" + path + "?ref=" + at)
                .put("git_url", api + "/repos/" + ref + "/git/blobs/" + sha)
                .put("html_url", WEB + "/" + ref + "/blob/" + at + "/" + path)
                .put("download_url", "https://raw.githubusercontent.com/" + ref + "/" + at + "/" + path);
        o.putObject("_links").put("self", o.get("url").asText()).put("git", o.get("git_url").asText())
                .put("html", o.get("html_url").asText());
        return o;
    }

    ObjectNode blob(RepoRef ref, String sha) {
        return object().put("sha", sha).put("url", api + "/repos/" + ref + "/git/blobs/" + sha);
    }

    private ObjectNode signature(Instant at) {
        return object().put("name", "Sandbox").put("email", "sandbox@example.invalid").put("date", iso(at));
    }

    private long register(String key, String name) {
        long id = id(key);
        names.put(id, name);
        return id;
    }

    /** A stable positive id for a name, in the range GitHub's ids live in. */
    static long id(String key) {
        return Long.parseLong(sha256(key).substring(0, 10), 16) % 900_000_000L + 100_000_000L;
    }

    static String iso(Instant at) {
        return at == null ? null : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
