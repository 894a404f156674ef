package io.prow.autodeploy.config;

import io.prow.autodeploy.github.RepoRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validators of {@code breakingChanges} and {@code retest}; each returns null when its section has a problem. */
final class BeyondValidators {
    static final int MAX_RETESTS = 10;

    private BeyondValidators() {}

    static RepoConfig.BreakingChanges breakingChanges(List<ConfigProblem> problems, String at,
                                                      ConfigSpec.BreakingChanges b) {
        if (b == null) {
            return RepoConfig.BreakingChanges.off();
        }
        int before = problems.size();
        Optional<RepoRef> source = Optional.empty();
        if (b.sourceRepo() != null) {
            try {
                source = Optional.of(RepoRef.parse(b.sourceRepo()));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(at + ".sourceRepo", e.getMessage() + ", e.g. kubernetes-sigs/prow"));
            }
        }
        List<String> paths = FieldReader.optionalList(problems, at + ".paths", b.paths(),
                RepoConfig.BreakingChanges.DEFAULT_PATHS);
        for (int i = 0; i < paths.size(); i++) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + paths.get(i));
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(at + ".paths[" + i + "]", "is not a valid glob: "
                        + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        // An empty pattern would match every message; written empty it means "do not look at messages".
        Optional<Pattern> message = Optional.empty();
        String raw = b.messagePattern() == null ? RepoConfig.BreakingChanges.DEFAULT_MESSAGE_PATTERN : b.messagePattern();
        if (!raw.isBlank()) {
            message = Optional.ofNullable(ConfigValidator.compile(problems, at + ".messagePattern", raw, raw));
        }
        if (paths.isEmpty() && message.isEmpty() && problems.size() == before) {
            problems.add(new ConfigProblem(at, "watches nothing: give paths or a messagePattern"));
        }
        return problems.size() > before ? null : new RepoConfig.BreakingChanges(source, paths, message);
    }

    static RepoConfig.Retest retest(List<ConfigProblem> problems, String at, ConfigSpec.Retest r) {
        RepoConfig.Retest dflt = RepoConfig.Retest.defaults();
        if (r == null) {
            return dflt;
        }
        int before = problems.size();
        int max = r.max() == null ? dflt.max() : r.max();
        if (max < 0 || max > MAX_RETESTS) {
            problems.add(new ConfigProblem(at + ".max", "must be between 0 (never retest) and " + MAX_RETESTS
                    + ", got " + max));
        }
        Duration backoff = FieldReader.duration(problems, at + ".backoff", r.backoff(), dflt.backoff(),
                Duration.ofMinutes(1));
        return problems.size() > before ? null : new RepoConfig.Retest(max, backoff);
    }
}
