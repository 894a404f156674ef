package io.prow.autodeploy.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Every metric the plugin exports, defined in one place on one registry (a fresh registry per test keeps tests
 * independent). Our own names only: Prow's {@code prow_webhook_counter} is a Go counter scraped under exactly that
 * name (kubernetes-sigs/prow pkg/githubeventserver/metrics.go, label {@code event_type} only), while client_java 1.x
 * always exposes a counter with a {@code _total} suffix; a Prow name with a suffix or extra labels would only mislead
 * a Prow dashboard. Labels fed by unauthenticated input come from fixed sets (see WebhookEventTypes).
 */
public final class Metrics {
    public final PrometheusRegistry registry;
    public final Counter webhooks;
    public final Counter webhookResponses;
    public final Counter workFailures;
    public final Histogram handlingSeconds;
    public final Counter githubRequests;
    public final Counter decisions;
    public final Gauge gateOpen;
    public final Gauge holdActive;
    public final Gauge deployedVersion;
    public final Gauge lastDeployTimestamp;
    public final Counter deploys;
    public final Gauge pendingDeployAge;
    public final Histogram leadTimeSeconds;
    public final Counter commands;
    public final Counter alertQueries;
    public final Counter deployNow;
    public final Gauge rolloutPhase;
    public final Counter prometheusQueries;
    public final Gauge deliveryDeploysPerDay;
    public final Gauge deliveryLeadTime;
    public final Gauge deliveryChangeFailureRate;
    public final Gauge deliveryTimeToRestore;

    public Metrics(PrometheusRegistry registry) {
        this.registry = registry;
        webhooks = Counter.builder().name("autodeploy_webhooks_total")
                .help("Webhooks received by event type (GitHub's event names, else 'other') and result "
                        + "(accepted, bad_signature, bad_request, ...)")
                .labelNames("event_type", "result").register(registry);
        webhookResponses = Counter.builder().name("autodeploy_webhook_response_codes_total")
                .help("HTTP status codes answered to webhooks (as Prow's prow_webhook_response_codes)")
                .labelNames("response_code").register(registry);
        workFailures = Counter.builder().name("autodeploy_work_failures_total")
                .help("Queued work items that ended with an unexpected error (logged with the item's org, repo, pr)")
                .register(registry);
        handlingSeconds = Histogram.builder().name("autodeploy_event_handling_seconds")
                .help("Time to handle one event after it was acknowledged").labelNames("event_type")
                .register(registry);
        githubRequests = Counter.builder().name("autodeploy_github_requests_total")
                .help("GitHub API requests by method, path template and status (304 = answered from ETag cache)")
                .labelNames("method", "path", "status").register(registry);
        decisions = Counter.builder().name("autodeploy_decisions_total")
                .help("Deploy decisions by repo and outcome (deploy, wait, untrusted, error)")
                .labelNames("repo", "outcome").register(registry);
        gateOpen = Gauge.builder().name("autodeploy_gate_open")
                .help("1 when the gate is open for the repo's newest open autobump PR, 0 when closed; absent when none is open").labelNames("repo", "gate")
                .register(registry);
        holdActive = Gauge.builder().name("autodeploy_hold_active").help("1 while automatic deploys are held (hold label on the autobump PR)")
                .labelNames("repo").register(registry);
        deployedVersion = Gauge.builder().name("autodeploy_deployed_version_info")
                .help("The Prow version deployed from the repo (value 1; one series: the previous tag's series is removed)").labelNames("repo", "tag")
                .register(registry);
        lastDeployTimestamp = Gauge.builder().name("autodeploy_last_deploy_timestamp_seconds")
                .help("When the last autobump or rollback PR merged").labelNames("repo").register(registry);
        deploys = Counter.builder().name("autodeploy_deploys_total").help("Autobump and rollback PRs merged since this process started, each counted once")
                .labelNames("repo", "kind").register(registry);
        pendingDeployAge = Gauge.builder().name("autodeploy_pending_deploy_age_seconds")
                .help("How long the open autobump PR has been trusted with green tests without merging; 0 when none").labelNames("repo")
                .register(registry);
        leadTimeSeconds = Histogram.builder().name("autodeploy_lead_time_seconds")
                .help("From autobump PR creation to merge, per merged autobump PR")
                .classicUpperBounds(600, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800)
                .labelNames("repo").register(registry);
        commands = Counter.builder().name("autodeploy_commands_total")
                .help("Slash commands by name and result (done, refused, failed)")
                .labelNames("command", "result").register(registry);
        alertQueries = Counter.builder().name("autodeploy_alertmanager_queries_total")
                .help("Alertmanager queries by result").labelNames("result").register(registry);
        deployNow = Counter.builder().name("autodeploy_deploy_now_total")
                .help("Autobump PRs oncall let skip the window and pacing once with /deploy-now")
                .labelNames("repo").register(registry);
        rolloutPhase = rolloutPhase(registry);
        prometheusQueries = Counter.builder().name("autodeploy_prometheus_queries_total")
                .help("Prometheus queries for rollouts by result (ok, error)").labelNames("result").register(registry);
        deliveryDeploysPerDay = Gauge.builder().name("autodeploy_delivery_deploys_per_day")
                .help("Deployment frequency: deploys that reached running in the last 30 days, per day")
                .labelNames("repo").register(registry);
        deliveryLeadTime = Gauge.builder().name("autodeploy_delivery_lead_time_seconds")
                .help("Lead time for changes: median change start to running, last 30 days").labelNames("repo")
                .register(registry);
        deliveryChangeFailureRate = Gauge.builder().name("autodeploy_delivery_change_failure_ratio")
                .help("Change failure rate: deploys followed by a rollback or a hold within the watch / deploys, last"
                        + " 30 days").labelNames("repo").register(registry);
        deliveryTimeToRestore = Gauge.builder().name("autodeploy_delivery_time_to_restore_seconds")
                .help("Time to restore: median incident start to the next good deploy running, last 30 days")
                .labelNames("repo").register(registry);
    }

    // Rollout following (issue 14): our own autodeploy_ names.
    private Gauge rolloutPhase(PrometheusRegistry registry) {
        return Gauge.builder().name("autodeploy_rollout_phase")
                .help("1 for the phase the latest deploy's rollout is in (not_followed, applying, running, failed,"
                        + " stuck, unknown), 0 for the others").labelNames("repo", "phase").register(registry);
    }

    public static Metrics fresh() {
        return new Metrics(new PrometheusRegistry());
    }
}
