package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxHttp.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.RepoRef;
import java.util.Locale;

/**
 * The API root, rate limit, users, org and team membership, and repository permission. Any user, org or team
 * "exists" (the sandbox does not model them beyond membership); membership answers come from the port.
 */
final class SandboxRoutesPeople {
    private final InMemoryGitHub gh;
    private final SandboxJson json;

    SandboxRoutesPeople(InMemoryGitHub gh, SandboxJson json) {
        this.gh = gh;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/", this::root);
        routes.get("/rate_limit", this::rateLimit);
        routes.get("/user", ctx -> ok(ctx, json.user(gh.botLogin())));
        routes.get("/users/{login}", ctx -> ok(ctx, json.user(ctx.pathParam("login"))));
        routes.get("/orgs/{org}", ctx -> ok(ctx, json.org(ctx.pathParam("org"))));
        routes.get("/orgs/{org}/members/{login}", this::orgMember);
        routes.get("/orgs/{org}/teams/{slug}", ctx -> ok(ctx, json.team(ctx.pathParam("org"), ctx.pathParam("slug"))));
        routes.get("/orgs/{org}/teams/{slug}/memberships/{login}",
                ctx -> teamMembership(ctx, ctx.pathParam("org"), ctx.pathParam("slug")));
        // kohsuke's GHTeam.hasMember addresses the team by ids it read from /orgs/{org}/teams/{slug}.
        routes.get("/organizations/{orgId}/team/{teamId}/memberships/{login}", this::teamMembershipById);
        routes.get("/repos/{o}/{r}/collaborators/{login}/permission", this::permission);
    }

    private void ok(Context ctx, JsonNode body) {
        SandboxHttp.send(ctx, 200, body, gh.clock());
    }

    private void root(Context ctx) {
        String api = json.api();
        ok(ctx, json.object().put("current_user_url", api + "/user").put("rate_limit_url", api + "/rate_limit")
                .put("repository_url", api + "/repos/{owner}/{repo}")
                .put("organization_url", api + "/orgs/{org}").put("user_url", api + "/users/{user}"));
    }

    private void rateLimit(Context ctx) {
        long reset = gh.clock().instant().getEpochSecond() / 3600 * 3600 + 3600;
        ObjectNode out = json.object();
        ObjectNode resources = out.putObject("resources");
        ObjectNode core = resources.putObject("core").put("limit", 5000).put("used", 1).put("remaining", 4999)
                .put("reset", reset).put("resource", "core");
        resources.putObject("search").put("limit", 30).put("used", 0).put("remaining", 30)
                .put("reset", reset).put("resource", "search");
        for (String resource : new String[] {"graphql", "integration_manifest"}) {
            resources.putObject(resource).put("limit", 5000).put("used", 0).put("remaining", 5000)
                    .put("reset", reset).put("resource", resource);
        }
        out.set("rate", core.deepCopy());
        ok(ctx, out);
    }

    /** 204 for a member, 404 otherwise, as GitHub answers an org member asking. */
    private void orgMember(Context ctx) {
        if (!gh.isOrgMember(ctx.pathParam("org"), ctx.pathParam("login"))) {
            throw new GitHubException(404, "Not Found");
        }
        SandboxHttp.send(ctx, 204, null, gh.clock());
    }

    private void teamMembershipById(Context ctx) {
        String team = json.nameOf(parseId(ctx.pathParam("teamId")))
                .orElseThrow(() -> new GitHubException(404, "Not Found"));
        int slash = team.indexOf('/');
        teamMembership(ctx, team.substring(0, slash), team.substring(slash + 1));
    }

    private void teamMembership(Context ctx, String org, String slug) {
        String login = ctx.pathParam("login");
        if (!gh.isTeamMember(org, slug, login)) {
            throw new GitHubException(404, "Not Found");
        }
        ObjectNode team = json.team(org, slug);
        ok(ctx, json.object().put("url", team.get("url").asText() + "/memberships/" + login)
                .put("role", "member").put("state", "active"));
    }

    private void permission(Context ctx) {
        RepoRef ref = repo(ctx);
        String login = ctx.pathParam("login");
        Permission p = gh.permission(ref, login);
        ObjectNode out = json.object().put("permission", p.name().toLowerCase(Locale.ROOT))
                .put("role_name", p.name().toLowerCase(Locale.ROOT));
        out.set("user", json.user(login));
        ok(ctx, out);
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new GitHubException(404, "Not Found");
        }
    }
}
