package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxHttp.repo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prow.autodeploy.github.Comparison;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.RepoRef;

/**
 * {@code GET /repos/{o}/{r}/compare/{base}...{head}} in GitHub's shape (status, counts, commits with their message
 * under {@code commit}, files), answered through {@link InMemoryGitHub#compare} so it is counted like any read.
 */
final class SandboxRoutesCompare {
    private final InMemoryGitHub gh;
    private final SandboxJson json;

    SandboxRoutesCompare(InMemoryGitHub gh, SandboxJson json) {
        this.gh = gh;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/repos/{o}/{r}/compare/{basehead}", this::compare);
    }

    private void compare(Context ctx) {
        RepoRef ref = repo(ctx);
        String basehead = ctx.pathParam("basehead");
        int dots = basehead.indexOf("...");
        if (dots <= 0 || dots + 3 >= basehead.length()) {
            throw new GitHubException(404, "Not Found");
        }
        String base = basehead.substring(0, dots);
        String head = basehead.substring(dots + 3);
        Comparison c = gh.compare(ref, base, head);
        boolean behind = "behind".equals(c.status());
        ObjectNode out = json.object().put("url", json.api() + "/repos/" + ref + "/compare/" + basehead)
                .put("html_url", c.htmlUrl()).put("status", c.status())
                .put("ahead_by", c.totalCommits()).put("behind_by", behind ? 1 : 0)
                .put("total_commits", c.totalCommits());
        ArrayNode commits = out.putArray("commits");
        for (Comparison.Commit commit : c.commits()) {
            ObjectNode o = commits.addObject().put("sha", commit.sha()).put("node_id", "C_" + commit.sha())
                    .put("url", json.api() + "/repos/" + ref + "/commits/" + commit.sha())
                    .put("html_url", commit.htmlUrl());
            o.putObject("commit").put("message", commit.message());
        }
        ArrayNode files = out.putArray("files");
        c.files().forEach(f -> files.addObject().put("filename", f).put("status", "modified"));
        SandboxHttp.send(ctx, 200, out, gh.clock());
    }
}
