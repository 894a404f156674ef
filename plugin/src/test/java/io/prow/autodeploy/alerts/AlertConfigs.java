package io.prow.autodeploy.alerts;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.testing.TestConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A minimal valid repo config (defaults everywhere) with the alerts section a test needs. */
final class AlertConfigs {
    static final List<String> MATCHERS = List.of("severity=~\"critical|high\"");

    private AlertConfigs() {}

    static RepoConfig with(URI url, List<String> matchers, Duration cacheTtl, Duration timeout, boolean openWhenUnreachable) {
        return with(new RepoConfig.Alerts(Optional.ofNullable(url), matchers, cacheTtl, timeout,
                openWhenUnreachable, false, Duration.ofHours(1)));
    }

    static RepoConfig with(URI url) {
        return with(url, MATCHERS, Duration.ofSeconds(30), Duration.ofSeconds(2), false);
    }

    static RepoConfig withoutUrl() {
        return with(null, MATCHERS, Duration.ofSeconds(30), Duration.ofSeconds(2), false);
    }

    static RepoConfig with(RepoConfig.Alerts alerts) {
        RepoConfig b = base();
        return new RepoConfig(b.repo(), b.baseBranch(), b.autobump(), b.merge(), b.window(), b.hold(),
                b.rollback(), alerts, b.oncall());
    }

    static RepoConfig base() {
        return TestConfig.defaultsOnly().repoConfig();
    }
}
