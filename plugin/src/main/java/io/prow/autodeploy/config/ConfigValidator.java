package io.prow.autodeploy.config;

import io.prow.autodeploy.github.RepoRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the file as written ({@link ConfigSpec}) into the validated {@link PluginConfig}, collecting every problem
 * with its key path instead of stopping at the first, so one {@code check-config} run lists them all.
 */
public final class ConfigValidator {
    static final Duration DEFAULT_RECONCILE = Duration.ofMinutes(5);

    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigValidator() {}

    public static PluginConfig validate(ConfigSpec.Plugin spec) throws ConfigException {
        ConfigValidator v = new ConfigValidator();
        PluginConfig config = v.plugin(spec);
        if (!v.problems.isEmpty()) {
            throw new ConfigException(v.problems);
        }
        return config;
    }

    private PluginConfig plugin(ConfigSpec.Plugin spec) {
        Duration reconcile = FieldReader.duration(problems, "reconcileInterval", spec.reconcileInterval(),
                DEFAULT_RECONCILE, Duration.ofSeconds(10));
        List<RepoConfig> repos = new ArrayList<>();
        if (spec.repos() == null || spec.repos().isEmpty()) {
            problems.add(new ConfigProblem("repos", "must list at least one repository"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < spec.repos().size(); i++) {
                String path = "repos[" + i + "]";
                ConfigSpec.Repo r = spec.repos().get(i);
                if (r == null) {
                    problems.add(new ConfigProblem(path, "is empty"));
                    continue;
                }
                if (r.repo() != null && !seen.add(r.repo().trim().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(new ConfigProblem(path + ".repo", "'" + r.repo() + "' is listed twice"));
                }
                RepoConfig rc = new RepoValidator(problems, path).repo(r);
                if (rc != null) {
                    repos.add(rc);
                }
            }
        }
        return new PluginConfig(reconcile, recoveryWindow(spec.commands()), repos);
    }

    /** {@code commands.recoveryWindow}: 0 turns recovery off; at most a week (every sweep reads that far back). */
    private Duration recoveryWindow(ConfigSpec.Commands commands) {
        String raw = commands == null ? null : commands.recoveryWindow();
        Duration d = FieldReader.duration(problems, "commands.recoveryWindow", raw,
                PluginConfig.DEFAULT_RECOVERY_WINDOW, Duration.ZERO);
        if (d.compareTo(Duration.ofDays(7)) > 0) {
            problems.add(new ConfigProblem("commands.recoveryWindow", "must be at most 168h, got " + raw));
            return PluginConfig.DEFAULT_RECOVERY_WINDOW;
        }
        return d;
    }

    /** Validates one {@code repos[i]} entry. */
    private static final class RepoValidator {
        private final List<ConfigProblem> problems;
        private final String at;

        RepoValidator(List<ConfigProblem> problems, String at) {
            this.problems = problems;
            this.at = at;
        }

        RepoConfig repo(ConfigSpec.Repo r) {
            RepoRef ref = null;
            if (r.repo() == null || r.repo().isBlank()) {
                problems.add(new ConfigProblem(at + ".repo", "is required (org/repo)"));
            } else {
                try {
                    ref = RepoRef.parse(r.repo());
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(at + ".repo", e.getMessage()));
                }
            }
            String base = FieldReader.nonBlank(problems, at + ".baseBranch", r.baseBranch(), "master");
            var autobump = SectionValidators.autobump(problems, at + ".autobump", r.autobump());
            var merge = SectionValidators.merge(problems, at + ".merge", r.merge());
            var window = WindowValidator.window(problems, at + ".window", r.window());
            var hold = SectionValidators.hold(problems, at + ".hold", r.hold());
            var rollback = SectionValidators.rollback(problems, at + ".rollback", r.rollback());
            var alerts = SectionValidators.alerts(problems, at + ".alerts", r.alerts());
            var oncall = SectionValidators.oncall(problems, at + ".oncall", r.oncall());
            var breaking = BreakingChangesValidator.breakingChanges(problems, at + ".breakingChanges", r.breakingChanges());
            var retest = SectionValidators.retest(problems, at + ".retest", r.retest());
            var rollout = RolloutValidator.rollout(problems, at + ".rollout", r.rollout());
            if (merge != null && hold != null && merge.labels().contains(hold.label())) {
                problems.add(new ConfigProblem(at + ".merge.labels",
                        "must not contain the hold label '" + hold.label() + "'"));
            }
            if (ref == null || autobump == null || merge == null || window == null || hold == null
                    || rollback == null || alerts == null || oncall == null || breaking == null || retest == null
                    || rollout == null) {
                return null;
            }
            return new RepoConfig(ref, base, autobump, merge, window, hold, rollback, alerts, oncall, breaking,
                    retest, rollout);
        }
    }

    static Pattern compile(List<ConfigProblem> problems, String path, String regex, String fallback) {
        String value = regex == null ? fallback : regex;
        try {
            return Pattern.compile(value);
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(path, "is not a valid regular expression: "
                    + e.getMessage().lines().findFirst().orElse("")));
            return null;
        }
    }
}
