package io.prow.autodeploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.alerts.AutoRollbackWatcher.Action;
import io.prow.autodeploy.github.GitHubException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /alertmanager}'s logic without HTTP: what an accepted, refused or half-handled notification does. */
class AlertmanagerReceiverTest {
    static final String TOKEN = "receiver-token";

    final WatcherWorld world = new WatcherWorld(true);
    final AtomicInteger queries = new AtomicInteger();
    final AtomicInteger reconciles = new AtomicInteger();
    final List<AlertmanagerReceiver.Handled> handled = new ArrayList<>();
    AlertSource source;
    AlertmanagerReceiver receiver;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        Ticker frozen = () -> 0L; // cached answers never expire: only invalidate() makes the source ask again
        source = new AlertSource((url, m, t) -> {
            queries.incrementAndGet();
            return List.<AlertState.FiringAlert>of();
        }, frozen, Duration.ofSeconds(5));
        receiver = new AlertmanagerReceiver(new AlertmanagerWebhook(tokenFile), source, reconciles::incrementAndGet,
                List.of(world.config), world.watcher());
        receiver.onHandled(handled::add);
        source.state(world.config);
    }

    private AlertmanagerReceiver.Response post(String authorization, String json) {
        return receiver.handle(authorization, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String firingTenMinutesAfterC() {
        Instant startsAt = WatcherWorld.C_MERGED.plus(Duration.ofMinutes(10));
        return AlertmanagerWebhookTest.FIRING.replace("2026-03-02T17:04:05.123Z", startsAt.toString());
    }

    @Test
    void wrongTokenIsRefusedAndNothingHappens() {
        AlertmanagerReceiver.Response r = post("Bearer wrong", firingTenMinutesAfterC());

        assertThat(r.status()).isEqualTo(401);
        source.state(world.config);
        assertThat(queries).as("cache kept").hasValue(1);
        assertThat(reconciles).hasValue(0);
        assertThat(handled).isEmpty();
        assertThat(world.gh.readCalls() + world.gh.writeCalls()).as("GitHub calls").isZero();
    }

    @Test
    void acceptedNotificationForgetsCachedAlertsReconcilesAndWatches() {
        AlertmanagerReceiver.Response r = post("Bearer " + TOKEN, firingTenMinutesAfterC());

        assertThat(r).isEqualTo(new AlertmanagerReceiver.Response(200, "ok: firing, 1 alert(s)"));
        source.state(world.config);
        assertThat(queries).as("asked again after the notification").hasValue(2);
        assertThat(reconciles).hasValue(1);
        assertThat(handled).singleElement().satisfies(h -> assertThat(h.outcomes())
                .extracting(AutoRollbackWatcher.Outcome::action).containsExactly(Action.HELD_AND_ROLLBACK_OPENED));
        assertThat(world.held()).isTrue();
    }

    @Test
    void gitHubFailingWhileActingAnswers503SoAlertmanagerRetriesAndTheRetryFinishes() {
        world.gh.failNext("createPullRequest", 1, new GitHubException(502, "Bad Gateway"));

        AlertmanagerReceiver.Response first = post("Bearer " + TOKEN, firingTenMinutesAfterC());

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.message()).contains("kubernetes/test-infra: Bad Gateway");
        assertThat(reconciles).as("the gate is refreshed even so").hasValue(1);

        AlertmanagerReceiver.Response retry = post("Bearer " + TOKEN, firingTenMinutesAfterC());

        assertThat(retry.status()).isEqualTo(200);
        assertThat(world.rollbackPrs()).hasSize(1);
        assertThat(world.holdComments()).hasSize(1);
    }
}
