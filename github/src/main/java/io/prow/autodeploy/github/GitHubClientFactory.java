package io.prow.autodeploy.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import okhttp3.Cache;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.authorization.ImmutableAuthorizationProvider;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;

/** Builds the real {@link GitHub}: kohsuke's client over OkHttp with an HTTP cache (ETags) and short timeouts. */
public final class GitHubClientFactory {
    public static final String DEFAULT_ENDPOINT = "https://api.github.com";
    /*
     * kohsuke (1.330, GitHubClient.sendRequest) retries a connection error at least twice whatever we configure: it
     * reads the system property org.kohsuke.github.GitHubClient.retryCount as Math.max(2, value), and sleeps
     * Math.max(100, minRetryInterval) ms in between. So a request whose every endpoint refuses costs at most about
     * 200 ms of sleeping inside kohsuke; EndpointFailover has already tried the next endpoint by then. Rate limits
     * never sleep (RateLimitHandler.FAIL below). Read in the jar's bytecode (javap), since no doc states the floor.
     */

    /** How the plugin authenticates. */
    public sealed interface Auth {
        /** A personal or bot token in a file (a mounted secret); surrounding whitespace is trimmed. */
        record TokenFile(Path path) implements Auth {}

        /** A GitHub App and its PEM private key; requests use an installation token. */
        record App(String appId, Path privateKeyPem) implements Auth {}
    }

    /**
     * The HTTP cache that makes conditional requests possible. {@code directory} null means a private temporary
     * directory: OkHttp's cache is file-backed, so "in memory" is approximated by a throwaway directory.
     */
    public record CacheSpec(Path directory, long maxBytes) {
        public static CacheSpec temporary(long maxBytes) {
            return new CacheSpec(null, maxBytes);
        }
    }

    /**
     * {@code fallbackEndpoints}: the further {@code --github-endpoint}s, used in order when the ones before refuse
     * connections ({@link EndpointFailover}).
     */
    public record Settings(String endpoint, Auth auth, CacheSpec cache, GitHubRequestListener listener, Clock clock,
                           List<String> fallbackEndpoints) {
        public Settings(String endpoint, Auth auth, CacheSpec cache, GitHubRequestListener listener, Clock clock) {
            this(endpoint, auth, cache, listener, clock, List.of());
        }

        /** {@code --github-endpoint} as given: the first is the primary, the rest fallbacks. */
        public static Settings of(List<String> endpoints, Auth auth, CacheSpec cache, GitHubRequestListener listener,
                                  Clock clock) {
            return new Settings(endpoints.isEmpty() ? null : endpoints.get(0), auth, cache, listener, clock,
                    endpoints.size() > 1 ? endpoints.subList(1, endpoints.size()) : List.of());
        }

        public Settings {
            endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.trim();
            fallbackEndpoints = fallbackEndpoints == null ? List.of() : fallbackEndpoints.stream()
                    .filter(e -> e != null && !e.isBlank()).map(String::trim).toList();
            Objects.requireNonNull(auth, "auth");
            cache = cache == null ? CacheSpec.temporary(50L * 1024 * 1024) : cache;
            listener = listener == null ? GitHubRequestListener.NONE : listener;
            clock = clock == null ? Clock.systemUTC() : clock;
        }
    }

    private GitHubClientFactory() {}

    public static KohsukeGitHub create(Settings settings) {
        String endpoint = settings.endpoint().replaceAll("/+$", "");
        HttpUrl base = HttpUrl.get(endpoint);
        List<HttpUrl> endpoints = new java.util.ArrayList<>(List.of(base));
        settings.fallbackEndpoints().forEach(e -> endpoints.add(HttpUrl.get(e.replaceAll("/+$", ""))));
        Cache etags = cache(settings.cache());
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new GitHubPause(settings.clock())) // first: while paused nothing goes further
                .addInterceptor(new EndpointFailover(endpoints, settings.clock()))
                .addInterceptor(new EtagCacheExpiry(etags, settings.clock())) // inside failover: the URL cached
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15))
                .cache(etags)
                .addNetworkInterceptor(new ListenerInterceptor(base.pathSize() - emptyTail(base), settings.listener()))
                .build();
        OkHttpGitHubConnector connector = new OkHttpGitHubConnector(http);
        try {
            AuthorizationProvider jwt = null;
            AuthorizationProvider auth;
            if (settings.auth() instanceof Auth.TokenFile token) {
                // Not fromOauthToken(): kohsuke would then GET /user while building, to learn the login.
                auth = new ImmutableAuthorizationProvider("token " + readToken(token.path()));
            } else {
                Auth.App app = (Auth.App) settings.auth();
                jwt = new JWTTokenProvider(app.appId(), app.privateKeyPem());
                // Limitation: the token is for the app's FIRST installation, so one deployment serves the repos
                // of one installation (org). Serving several orgs needs one client per installation.
                auth = new AppInstallationAuthorizationProvider(GitHubClientFactory::firstInstallation, jwt);
            }
            org.kohsuke.github.GitHub api = builder(endpoint, connector).withAuthorizationProvider(auth).build();
            GitHubErrors errors = new GitHubErrors(settings.clock());
            RawRequests raw = new RawRequests(http, base, auth, errors);
            Callable<String> login;
            if (jwt == null) {
                login = () -> api.getMyself().getLogin();
            } else {
                // GET /app needs the JWT itself, not an installation token.
                org.kohsuke.github.GitHub asApp = builder(endpoint, connector).withAuthorizationProvider(jwt).build();
                login = () -> asApp.getApp().getSlug() + "[bot]";
            }
            return new KohsukeGitHub(new KohsukeStubs(api), raw, errors, login);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the GitHub client", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the GitHub App private key", e);
        }
    }

    private static GitHubBuilder builder(String endpoint, OkHttpGitHubConnector connector) {
        // FAIL: a rate limit becomes an exception with its headers (translated to retryAfter), never a sleep.
        return new GitHubBuilder().withEndpoint(endpoint).withConnector(connector)
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL);
    }

    private static GHAppInstallation firstInstallation(org.kohsuke.github.GHApp app) throws IOException {
        Iterator<GHAppInstallation> it = app.listInstallations().withPageSize(1).iterator();
        if (!it.hasNext()) {
            throw new IOException("the GitHub App has no installation");
        }
        return it.next();
    }

    static String readToken(Path path) {
        try {
            String token = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("GitHub token file " + path + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GitHub token file " + path, e);
        }
    }

    private static Cache cache(CacheSpec spec) {
        try {
            Path dir = spec.directory();
            if (dir == null) {
                dir = Files.createTempDirectory("github-http-cache");
                dir.toFile().deleteOnExit();
            }
            return new Cache(dir.toFile(), spec.maxBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the GitHub HTTP cache directory", e);
        }
    }

    /** {@code https://host/} has one empty path segment, which is not part of the base path. */
    private static int emptyTail(HttpUrl base) {
        return base.pathSegments().get(base.pathSize() - 1).isEmpty() ? 1 : 0;
    }
}
