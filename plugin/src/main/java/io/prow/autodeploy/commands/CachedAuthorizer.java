package io.prow.autodeploy.commands;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.github.Membership;
import io.prow.autodeploy.github.Permission;
import java.time.Duration;
import java.util.Set;

/**
 * Role checks through GitHub's membership and permission APIs. Only a yes is cached, for {@link #DEFAULT_TTL} at most,
 * so a burst of commands costs one lookup while someone removed from oncall loses the right within a minute. A no is
 * never cached: someone just added to the oncall team during an incident is allowed the moment they comment again.
 * GitHub is asked outside the cache (never inside a loader, which would hold the cache's lock for as long as GitHub
 * takes). Cheap checks first: a listed oncall user needs no call at all.
 */
public final class CachedAuthorizer implements Authorizer {
    /** How long a yes is trusted. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);

    private final Membership membership;
    private final Cache<String, Boolean> allowed;

    public CachedAuthorizer(Membership membership, Duration ttl, Ticker ticker) {
        this.membership = membership;
        this.allowed = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(10_000).build();
    }

    @Override
    public boolean allowed(RepoConfig config, Set<Role> roles, String login) {
        if (login == null || login.isBlank()) {
            return false;
        }
        if (roles.contains(Role.ONCALL) && config.oncall().users().contains(login)) {
            return true;
        }
        if (roles.contains(Role.ONCALL)) {
            for (String team : config.oncall().teams()) {
                String[] parts = team.split("/", 2);
                if (cached("team:" + team + ":" + login, () -> membership.isTeamMember(parts[0], parts[1], login))) {
                    return true;
                }
            }
        }
        if (roles.contains(Role.ORG_MEMBERS)) {
            String org = config.repo().owner();
            if (cached("org:" + org + ":" + login, () -> membership.isOrgMember(org, login))) {
                return true;
            }
        }
        if (roles.contains(Role.REPO_ADMINS)) {
            return cached("admin:" + config.repo() + ":" + login,
                    () -> membership.permission(config.repo(), login) == Permission.ADMIN);
        }
        return false;
    }

    private boolean cached(String key, java.util.function.BooleanSupplier lookup) {
        if (allowed.getIfPresent(key) != null) {
            return true;
        }
        boolean yes = lookup.getAsBoolean();
        if (yes) {
            allowed.put(key, Boolean.TRUE);
        }
        return yes;
    }
}
