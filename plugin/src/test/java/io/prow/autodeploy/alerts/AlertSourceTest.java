package io.prow.autodeploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.alerts.AlertState.FiringAlert;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.AlertGate;
import io.prow.autodeploy.deploy.gates.GateResult;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.github.PullRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertSourceTest {
    static final Duration TTL = Duration.ofSeconds(30);
    static final URI AM = URI.create("http://alertmanager.test:9093");

    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;
    MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    AlertSource realClientSource() {
        return new AlertSource(new AlertmanagerClient()::firing, ticker, AlertSource.DEFAULT_UNKNOWN_TTL);
    }

    RepoConfig serverConfig(boolean openWhenUnreachable) {
        return AlertConfigs.with(server.url("/").uri(), AlertConfigs.MATCHERS, TTL, Duration.ofSeconds(1),
                openWhenUnreachable);
    }

    static MockResponse alerts(String json) {
        return new MockResponse.Builder().code(200).body(json).build();
    }

    @Test
    void noUrlIsDisabledWithoutAsking() {
        AlertSource source = realClientSource();

        assertThat(source.state(AlertConfigs.withoutUrl()).status()).isEqualTo(AlertState.Status.DISABLED);
        assertThat(source.queries()).isZero();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aBurstCostsOneQueryAndTheTtlEndsIt() {
        server.enqueue(alerts("[]"));
        server.enqueue(alerts("""
                [{"labels": {"alertname": "HookDown"}, "startsAt": "2026-03-02T17:00:00Z", "fingerprint": "f1",
                  "status": {"state": "active"}}]"""));
        AlertSource source = realClientSource();
        RepoConfig config = serverConfig(false);

        for (int event = 0; event < 20; event++) {
            assertThat(source.state(config)).isEqualTo(AlertState.quiet());
        }
        assertThat(source.queries()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);

        advance(TTL.minusMillis(1));
        assertThat(source.state(config)).isEqualTo(AlertState.quiet());
        assertThat(server.getRequestCount()).isEqualTo(1);

        advance(Duration.ofMillis(1));
        assertThat(source.state(config).status()).isEqualTo(AlertState.Status.FIRING);
        assertThat(source.queries()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void invalidateForcesAFreshAnswer() {
        server.enqueue(alerts("[]"));
        server.enqueue(alerts("""
                [{"labels": {"alertname": "HookDown"}, "startsAt": "2026-03-02T17:00:00Z", "fingerprint": "f1",
                  "status": {"state": "active"}}]"""));
        AlertSource source = realClientSource();
        RepoConfig config = serverConfig(false);

        assertThat(source.state(config).status()).isEqualTo(AlertState.Status.QUIET);
        source.invalidate();

        assertThat(source.state(config).firing()).extracting(FiringAlert::name).containsExactly("HookDown");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void firingIsSortedOldestFirst() {
        FiringAlert newer = new FiringAlert("Newer", Instant.parse("2026-03-02T17:00:00Z"), "b");
        FiringAlert older = new FiringAlert("Older", Instant.parse("2026-03-02T09:00:00Z"), "a");
        AlertSource source = new AlertSource((url, m, t) -> List.of(newer, older), ticker, Duration.ofSeconds(5));

        assertThat(source.state(AlertConfigs.with(AM))).isEqualTo(AlertState.firing(List.of(older, newer)));
    }

    @Test
    void distinctMatchersAreDistinctQueries() {
        List<List<String>> asked = new ArrayList<>();
        AlertSource source = new AlertSource((url, m, t) -> {
            asked.add(m);
            return List.of();
        }, ticker, Duration.ofSeconds(5));
        RepoConfig critical = AlertConfigs.with(AM, List.of("severity=\"critical\""), TTL, Duration.ofSeconds(1), false);
        RepoConfig team = AlertConfigs.with(AM, List.of("team=\"prow\""), TTL, Duration.ofSeconds(1), false);

        source.state(critical);
        source.state(team);
        source.state(critical);

        assertThat(asked).containsExactly(List.of("severity=\"critical\""), List.of("team=\"prow\""));
    }

    @Test
    void unknownIsCachedOnlyBriefly() {
        AtomicLong calls = new AtomicLong();
        AlertSource source = new AlertSource((url, m, t) -> {
            if (calls.incrementAndGet() == 1) {
                throw new AlertmanagerException("cannot reach Alertmanager at " + url);
            }
            return List.of();
        }, ticker, Duration.ofSeconds(5));
        RepoConfig config = AlertConfigs.with(AM);

        assertThat(source.state(config)).isEqualTo(AlertState.unknown("cannot reach Alertmanager at " + AM));
        assertThat(source.state(config).status()).isEqualTo(AlertState.Status.UNKNOWN);
        assertThat(source.queries()).isEqualTo(1);

        advance(Duration.ofSeconds(5)); // far less than the 30 s a good answer is kept
        assertThat(source.state(config)).isEqualTo(AlertState.quiet());
        assertThat(source.queries()).isEqualTo(2);
    }

    @Test
    void aZeroTtlAsksEveryTime() {
        AlertSource source = new AlertSource((url, m, t) -> List.of(), ticker, Duration.ofSeconds(5));
        RepoConfig config = AlertConfigs.with(AM, AlertConfigs.MATCHERS, Duration.ZERO, Duration.ofSeconds(1), false);

        source.state(config);
        source.state(config);

        assertThat(source.queries()).isEqualTo(2);
    }

    @Test
    void anUnexpectedExceptionIsUnknownToo() {
        AlertSource source = new AlertSource((url, m, t) -> {
            throw new IllegalStateException("bug in a proxy");
        }, ticker, Duration.ofSeconds(5));

        assertThat(source.state(AlertConfigs.with(AM))).isEqualTo(AlertState.unknown("bug in a proxy"));
    }

    @Test
    void unreachableAlertmanagerClosesTheGateUnlessConfiguredOpen() {
        server.enqueue(new MockResponse.Builder().code(503).body("not ready").build());
        server.enqueue(new MockResponse.Builder().code(503).body("not ready").build());
        AlertGate gate = new AlertGate();

        RepoConfig closed = serverConfig(false);
        AlertState state = realClientSource().state(closed);
        assertThat(state.status()).isEqualTo(AlertState.Status.UNKNOWN);
        assertThat(state.error()).contains("answered HTTP 503");
        GateResult blocked = gate.evaluate(snapshot(closed, state), Instant.parse("2026-03-02T17:00:00Z"));
        assertThat(blocked.open()).isFalse();
        assertThat(blocked.reason()).isEqualTo("Blocked: Alertmanager unreachable");

        RepoConfig open = serverConfig(true);
        GateResult allowed = gate.evaluate(snapshot(open, realClientSource().state(open)),
                Instant.parse("2026-03-02T17:00:00Z"));
        assertThat(allowed.open()).isTrue();
        assertThat(allowed.reason()).isEqualTo("Alertmanager unreachable, configured open");
    }

    static Snapshot snapshot(RepoConfig config, AlertState alerts) {
        PullRequest pr = new PullRequest(config.repo(), 1, "Update Prow to v20260302-abcdef1", "", "k8s-ci-robot",
                "k8s-ci-robot", "autobump", "sha", config.baseBranch(), true, Instant.parse("2026-03-02T08:00:00Z"),
                null, null, Set.of(), "https://github.com/" + config.repo() + "/pull/1");
        return new Snapshot(config, pr, List.of(), List.of(), Optional.empty(), Optional.empty(), alerts);
    }
}
