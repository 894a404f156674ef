package io.prow.autodeploy.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Validates {@code repos[i].rollout}; returns null when the section has a problem. */
final class RolloutValidator {
    private RolloutValidator() {}

    static RolloutConfig rollout(List<ConfigProblem> problems, String at, ConfigSpec.Rollout r) {
        if (r == null) {
            return RolloutConfig.off();
        }
        int before = problems.size();
        List<String> contexts = FieldReader.optionalList(problems, at + ".contexts", r.contexts(), List.of());
        Duration timeout = FieldReader.duration(problems, at + ".timeout", r.timeout(),
                RolloutConfig.DEFAULT_TIMEOUT, Duration.ofMinutes(1));
        boolean proceed = false;
        if (r.onUnknown() != null) {
            switch (r.onUnknown()) {
                case "wait" -> proceed = false;
                case "proceed" -> proceed = true;
                default -> problems.add(new ConfigProblem(at + ".onUnknown",
                        "must be 'wait' (deploys wait, the default) or 'proceed', got '" + r.onUnknown() + "'"));
            }
        }
        Optional<RolloutConfig.Prometheus> prometheus = r.prometheus() == null ? Optional.empty()
                : prometheus(problems, at + ".prometheus", r.prometheus());
        if (problems.size() > before) {
            return null;
        }
        if (contexts.isEmpty() && prometheus.isEmpty()) {
            problems.add(new ConfigProblem(at, "needs contexts or prometheus (leave the section out to treat"
                    + " a merged deploy as running)"));
            return null;
        }
        return new RolloutConfig(contexts, timeout, proceed, prometheus);
    }

    private static Optional<RolloutConfig.Prometheus> prometheus(List<ConfigProblem> problems, String at,
                                                                 ConfigSpec.RolloutPrometheus p) {
        int before = problems.size();
        URI url = null;
        if (p.url() == null || p.url().isBlank()) {
            problems.add(new ConfigProblem(at + ".url", "is required, e.g. http://prometheus.monitoring:9090"));
        } else {
            try {
                URI u = URI.create(p.url().trim());
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new IllegalArgumentException("needs http(s)://host[:port]");
                }
                url = u;
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(at + ".url", "is not a URL: " + e.getMessage()));
            }
        }
        String query = FieldReader.nonBlank(problems, at + ".query", p.query(),
                "kube_pod_container_info{namespace=\"prow\"}");
        if (query.length() > 2_000) {
            problems.add(new ConfigProblem(at + ".query", "must be at most 2000 characters"));
        }
        List<String> containers = FieldReader.list(problems, at + ".containers", p.containers(), null);
        if (p.containers() == null) {
            problems.add(new ConfigProblem(at + ".containers", "is required: the containers that must run the"
                    + " deployed tag, e.g. [hook, tide, deck, crier]"));
        } else if (containers != null && new HashSet<>(containers).size() != containers.size()) {
            problems.add(new ConfigProblem(at + ".containers", "lists a container twice"));
        }
        Duration ttl = FieldReader.duration(problems, at + ".cacheTtl", p.cacheTtl(), Duration.ofSeconds(30),
                Duration.ZERO);
        Duration timeout = FieldReader.duration(problems, at + ".timeout", p.timeout(), Duration.ofSeconds(5),
                Duration.ofMillis(100));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new RolloutConfig.Prometheus(url, query, containers, ttl, timeout));
    }
}
