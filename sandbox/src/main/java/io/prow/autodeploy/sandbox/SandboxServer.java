package io.prow.autodeploy.sandbox;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.prow.autodeploy.github.GitHubException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GitHub REST API on loopback over an {@link InMemoryGitHub}, so the plugin's real GitHub adapter
 * (org.kohsuke:github-api over OkHttp) can run against sandbox state in {@code make demo}.
 * Every read and write goes through the in-memory port, so calls are counted and mutations logged exactly as
 * when the plugin talks to the fake directly; a {@link GitHubException} becomes its HTTP status with GitHub's
 * error body, which also makes {@link InMemoryGitHub#failNext} faults visible over HTTP.
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final Javalin app;
    private final String url;

    private SandboxServer(Javalin app, String url) {
        this.app = app;
        this.url = url;
    }

    /** Starts on {@code port} of 127.0.0.1 only (0 picks a free port). */
    public static SandboxServer start(InMemoryGitHub gh, int port) {
        SandboxJson json = new SandboxJson();
        SandboxGitObjects objects = new SandboxGitObjects();
        Javalin app = Javalin.create(config -> {
            config.jetty.host = LOOPBACK;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            new SandboxRoutesPeople(gh, json).register(config.routes);
            new SandboxRoutesPulls(gh, json).register(config.routes);
            new SandboxRoutesGit(gh, json, objects).register(config.routes);
            config.routes.exception(GitHubException.class, (e, ctx) -> fail(ctx, e, json, gh));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("sandbox GitHub failed on {} {}", ctx.method(), ctx.path(), e);
                SandboxHttp.error(ctx, 500, "Server Error: " + e.getMessage(), json, gh.clock());
            });
            // Javalin answers unknown paths itself; give them GitHub's 404 body. Routes' own answers are kept.
            config.routes.error(404, ctx -> {
                if (ctx.attribute(SandboxHttp.ANSWERED) == null) {
                    SandboxHttp.error(ctx, 404, "Not Found", json, gh.clock());
                }
            });
        }).start();
        String url = "http://" + LOOPBACK + ":" + app.port();
        json.bind(url);
        firstRequest(url);
        LOG.info("sandbox GitHub API listening on {}", url);
        return new SandboxServer(app, url);
    }

    /**
     * Javalin builds its per-request config on the first request, without a lock (the plugin's
     * {@code server.FirstRequest} says more): two first requests at once can answer 500. Make that one here, before
     * the plugin's concurrent reads arrive. Its 404 touches no sandbox state and counts as no call.
     */
    private static void firstRequest(String url) {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url + "/").toURL()
                    .openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(5_000);
            c.getResponseCode();
            c.disconnect();
        } catch (java.io.IOException e) {
            LOG.warn("sandbox GitHub: the first request failed ({}); the first ones from outside may race", e.toString());
        }
    }

    /** A port failure as GitHub would answer it; no answer at all (status 0) becomes a 502, like a bad gateway. */
    private static void fail(Context ctx, GitHubException e, SandboxJson json, InMemoryGitHub gh) {
        int status = e.status() >= 400 && e.status() <= 599 ? e.status() : 502;
        e.retryAfter().map(Duration::toSeconds).ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
        SandboxHttp.error(ctx, status, e.getMessage(), json, gh.clock());
    }

    /** The API root to pass as {@code --github-endpoint}, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        app.stop();
    }
}
