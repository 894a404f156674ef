package io.prow.autodeploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard in manifests/ only queries series the plugin really exports, and shows the ones it promises. */
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b(autodeploy_[a-z_]+)");

    @Test
    void queriesOnlyExportedSeriesAndCoversTheDeployMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("manifests", "grafana-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.findValues("expr").forEach(e -> {
            Matcher m = METRIC.matcher(e.asText());
            while (m.find()) {
                queried.add(m.group(1));
            }
        });

        assertThat(exported()).containsAll(queried);
        assertThat(queried).contains("autodeploy_deployed_version_info", "autodeploy_gate_open",
                "autodeploy_pending_deploy_age_seconds", "autodeploy_github_requests_total",
                "autodeploy_deploys_total", "autodeploy_hold_active", "autodeploy_lead_time_seconds_bucket",
                "autodeploy_last_deploy_timestamp_seconds", "autodeploy_webhooks_total",
                "autodeploy_work_failures_total", "autodeploy_delivery_deploys_per_day",
                "autodeploy_delivery_lead_time_seconds", "autodeploy_delivery_change_failure_ratio",
                "autodeploy_delivery_time_to_restore_seconds", "autodeploy_rollout_phase");
    }

    /** Never a Prow name: Prow's are Go counters without _total; ours would be a different series under its name. */
    @Test
    void noExportedSeriesCarriesAProwName() {
        assertThat(exported()).noneMatch(n -> n.startsWith("prow_"));
    }

    @Test
    void theRulesQueryOnlyExportedSeries() throws Exception {
        String rules = java.nio.file.Files.readString(Path.of("manifests", "prometheusrule.yaml"));
        Set<String> queried = new TreeSet<>();
        Matcher m = METRIC.matcher(rules);
        while (m.find()) {
            queried.add(m.group(1));
        }
        assertThat(exported()).containsAll(queried);
        assertThat(queried).contains("autodeploy_work_failures_total");
    }

    /** Series names as Prometheus sees them: counters end in _total, histograms have _bucket, _sum and _count. */
    private static Set<String> exported() {
        Set<String> names = new HashSet<>();
        for (MetricSnapshot s : Metrics.fresh().registry.scrape()) {
            String name = s.getMetadata().getPrometheusName();
            if (s instanceof CounterSnapshot) {
                names.add(name + "_total");
            } else if (s instanceof HistogramSnapshot) {
                names.addAll(Set.of(name + "_bucket", name + "_sum", name + "_count"));
            } else {
                names.add(name);
            }
        }
        return names;
    }
}
