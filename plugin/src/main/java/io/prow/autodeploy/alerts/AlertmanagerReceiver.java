package io.prow.autodeploy.alerts;

import io.prow.autodeploy.config.RepoConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code POST /alertmanager} does, framework-free: check and parse the notification ({@link AlertmanagerWebhook}),
 * then forget cached alert answers and reconcile every repo (so a resolved alert re-opens the gate at once, and a new
 * one closes it), and let the {@link AutoRollbackWatcher} look at it for each repo.
 *
 * <p>The watcher runs before answering: if GitHub fails half way, Alertmanager gets a 503 and retries the
 * notification with backoff, and the retry finishes the incident (the watcher is idempotent).
 */
public final class AlertmanagerReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerReceiver.class);

    /** What to answer Alertmanager. */
    public record Response(int status, String message) {}

    /** One accepted notification and what the watcher did with it per repo (tests wait on this). */
    public record Handled(AlertmanagerNotification notification, List<AutoRollbackWatcher.Outcome> outcomes) {}

    private final AlertmanagerWebhook webhook;
    private final AlertSource source;
    private final Runnable reconcileAll;
    private final Supplier<List<RepoConfig>> repos;
    private final AutoRollbackWatcher watcher;
    private final List<Consumer<Handled>> listeners = new CopyOnWriteArrayList<>();

    public AlertmanagerReceiver(AlertmanagerWebhook webhook, AlertSource source, Runnable reconcileAll,
                                List<RepoConfig> repos, AutoRollbackWatcher watcher) {
        this(webhook, source, reconcileAll, () -> repos, watcher);
    }

    /** {@code repos}: the configured repos as they stand now (the config may be reloaded). */
    public AlertmanagerReceiver(AlertmanagerWebhook webhook, AlertSource source, Runnable reconcileAll,
                                Supplier<List<RepoConfig>> repos, AutoRollbackWatcher watcher) {
        this.webhook = webhook;
        this.source = source;
        this.reconcileAll = reconcileAll;
        this.repos = repos;
        this.watcher = watcher;
    }

    /** Tells {@code listener} about every notification once it has been acted on. */
    public void onHandled(Consumer<Handled> listener) {
        listeners.add(listener);
    }

    public Response handle(String authorizationHeader, byte[] body) {
        AlertmanagerWebhook.Result result = webhook.handle(authorizationHeader, body);
        if (result.notification().isEmpty()) {
            LOG.warn("Alertmanager webhook refused with {}: {}", result.httpStatus(), result.message());
            return new Response(result.httpStatus(), result.message());
        }
        AlertmanagerNotification n = result.notification().get();
        LOG.info("Alertmanager notification {} for group {} with {} alert(s)", n.status(), n.groupKey(),
                n.alerts().size());
        // Alertmanager's view just changed: the next decision must ask it again, not reuse a cached answer.
        source.invalidate();
        reconcileAll.run();
        List<AutoRollbackWatcher.Outcome> outcomes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (RepoConfig rc : repos.get()) {
            try {
                AutoRollbackWatcher.Outcome o = watcher.onNotification(rc, n);
                LOG.info("auto-rollback watch for {}: {} ({})", rc.repo(), o.action(), o.detail());
                outcomes.add(o);
            } catch (RuntimeException e) {
                LOG.error("auto-rollback watch for {} failed; Alertmanager will retry", rc.repo(), e);
                failures.add(rc.repo() + ": " + e.getMessage());
            }
        }
        Handled handled = new Handled(n, List.copyOf(outcomes));
        listeners.forEach(l -> l.accept(handled));
        if (!failures.isEmpty()) {
            return new Response(503, "notification received, acting on it failed (retry): "
                    + String.join("; ", failures));
        }
        return new Response(200, result.message());
    }
}
